import { JsonFile, type Project } from 'projen';
import { runtimeSourcePaths } from './compiler-options';
import { RUNTIME_ENTRY_POINTS } from './entry-points';
import { lambdaRunnerDependency } from './lambda-runner';
import { localDynamoDependency } from './local-dynamo';
import { packageMetadata } from './package-metadata';
import { releaseVersion } from './release-version';
import { versions } from './versions';

const dir = 'runtime';

/** `exports`: each public entry point for `import` (lib/esm) and `require` (lib/cjs), each with its own types. */
function runtimeExports(): Record<string, unknown> {
  const exports: Record<string, unknown> = {};
  for (const { subpath } of RUNTIME_ENTRY_POINTS) {
    const file = subpath === '' ? 'index' : `${subpath.slice(1)}/index`;
    exports[`.${subpath}`] = {
      import: { types: `./lib/esm/${file}.d.ts`, default: `./lib/esm/${file}.js` },
      require: { types: `./lib/cjs/${file}.d.ts`, default: `./lib/cjs/${file}.js` },
    };
  }
  exports['./package.json'] = './package.json';
  return exports;
}

/** `typesVersions`: subpath types for TypeScript's node10 resolution, which ignores `exports`. */
function runtimeTypesVersions(): Record<string, Record<string, string[]>> {
  const subpaths = RUNTIME_ENTRY_POINTS.filter((entry) => entry.subpath !== '');
  return { '*': Object.fromEntries(subpaths.map(({ subpath }) => [subpath.slice(1), [`./lib/cjs${subpath}/index.d.ts`]])) };
}

/** `@ddb-lock/runtime`: ESM and CommonJS builds with types, no CDK import. */
export function configureRuntime(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/runtime',
      version: releaseVersion,
      description: 'Distributed locks on Amazon DynamoDB: lock client with heartbeats, fencing tokens and a Middy middleware.',
      license: 'Apache-2.0',
      type: 'module',
      ...packageMetadata('runtime', [
        'dynamodb',
        'lock',
        'distributed-lock',
        'mutex',
        'lease',
        'fencing-token',
        'aws-lambda',
        'middy',
        'serverless',
      ]),
      // Old resolvers (TypeScript's node10, Node < 12) read these; every modern one reads `exports`.
      main: './lib/cjs/index.js',
      module: './lib/esm/index.js',
      types: './lib/cjs/index.d.ts',
      exports: runtimeExports(),
      typesVersions: runtimeTypesVersions(),
      files: ['lib', 'LICENSE', 'README.md'],
      engines: { node: '>=20' },
      sideEffects: false,
      scripts: {
        // Two builds from one source: ESM (lib/esm) and CommonJS (lib/cjs, marked by its own
        // package.json). Errors and internals match across them (see errors.ts), so a process that
        // loads both still sees one class per error. lib/ is emptied first: tsc never deletes the
        // output of a moved source, and npm pack would ship it.
        build: 'rm -rf lib && tsc -p tsconfig.json && tsc -p tsconfig.cjs.json && node scripts/mark-commonjs.mjs lib/cjs',
        typecheck: 'tsc -p tsconfig.dev.json',
        // ESM all the way down (middy 6/7 are ESM-only), so Jest needs the VM modules flag.
        test: 'npm run typecheck && NODE_OPTIONS=--experimental-vm-modules jest && npm run test:aws-path && npm run test:moto',
        // The integration suite once more through its real-DynamoDB switch, the SDK pointed at a
        // loopback dynalite by the standard environment (the toolkit's jest-aws-path).
        'test:aws-path': 'jest-aws-path test/integration',
        // The integration suite on the second server, moto (skipped with one line without the
        // repo's venv, required under CI=true). The Lambda suites live with the example app.
        'test:moto': 'jest-moto test/integration',
      },
      peerDependencies: {
        '@aws-sdk/client-dynamodb': '^3.600.0',
        '@middy/core': '>=5 <8',
        // Reached only through @ddb-lock/runtime/powertools and /otel: the core stays free of them.
        '@aws-lambda-powertools/logger': '^2.0.0',
        '@aws-lambda-powertools/metrics': '^2.0.0',
        '@aws-lambda-powertools/tracer': '^2.0.0',
        '@opentelemetry/api': '^1.3.0',
        // Only for lockedRecordHandler users; /batch never imports it (processors are taken by shape).
        '@aws-lambda-powertools/batch': '^2.0.0',
      },
      peerDependenciesMeta: {
        '@middy/core': { optional: true },
        '@aws-lambda-powertools/logger': { optional: true },
        '@aws-lambda-powertools/metrics': { optional: true },
        '@aws-lambda-powertools/tracer': { optional: true },
        '@opentelemetry/api': { optional: true },
        '@aws-lambda-powertools/batch': { optional: true },
      },
      devDependencies: {
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@aws-lambda-powertools/batch': versions.powertoolsBatch,
        '@aws-lambda-powertools/logger': versions.powertools,
        '@aws-lambda-powertools/metrics': versions.powertools,
        '@aws-lambda-powertools/tracer': versions.powertools,
        '@opentelemetry/api': versions.otelApi,
        '@opentelemetry/sdk-metrics': versions.otelSdk,
        '@opentelemetry/sdk-trace-base': versions.otelSdk,
        '@jest/globals': versions.jestGlobals,
        '@types/aws-lambda': versions.typesAwsLambda,
        '@types/jest': versions.typesJest,
        '@middy/core': versions.middyCore,
        // middy 6 beside 7: the middleware is tested against both majors.
        middy6: `npm:@middy/core@${versions.middyCore6}`,
        'aws-sdk-client-mock': versions.awsSdkClientMock,
        '@smithy/fetch-http-handler': versions.smithyFetchHttpHandler,
        ...localDynamoDependency,
        ...lambdaRunnerDependency,
        // Bundles the package minified, as NodejsFunction does: error names survive, and the /batch
        // subpath stays out of the root and /middy bundles and needs no Powertools.
        esbuild: versions.esbuild,
        'fast-check': versions.fastCheck,
        jest: versions.jest,
        'ts-jest': versions.tsJest,
      },
    },
  });

  const compilerOptions = {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'ESNext.Disposable'],
    strict: true,
    noImplicitOverride: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
    exactOptionalPropertyTypes: false,
    esModuleInterop: true,
    skipLibCheck: true,
    isolatedModules: true,
    types: ['node'],
  };
  // No source maps in the package: they would point at src/, which is not shipped, and tsc's
  // output is plain readable JavaScript beside its declarations.
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: { ...compilerOptions, rootDir: 'src', outDir: 'lib/esm', declaration: true },
      include: ['src/**/*.ts'],
    },
  });
  new JsonFile(project, `${dir}/tsconfig.cjs.json`, {
    obj: {
      compilerOptions: {
        ...compilerOptions,
        module: 'CommonJS',
        moduleResolution: 'Node10',
        rootDir: 'src',
        outDir: 'lib/cjs',
        declaration: true,
      },
      include: ['src/**/*.ts'],
    },
  });
  new JsonFile(project, `${dir}/tsconfig.dev.json`, {
    obj: {
      compilerOptions: {
        ...compilerOptions,
        noEmit: true,
        types: ['node', 'jest'],
        // tools/local-dynamo is imported as TypeScript with `.ts` specifiers (Node type stripping).
        allowImportingTsExtensions: true,
        // The Lambda handlers elsewhere in the repo import the package by name; check them against the sources.
        baseUrl: '.',
        paths: runtimeSourcePaths('.'),
      },
      include: [
        'src/**/*.ts',
        'test/**/*.ts',
        '../examples/app/handler.mts',
        '../examples/app/batch-handler.mts',
        '../examples/app/partner.mts',
        '../integ-tests/handlers/locker.mts',
      ],
    },
  });
  new JsonFile(project, `${dir}/jest.config.json`, {
    obj: {
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      // Sources import './x.js' as NodeNext requires; Jest resolves the .ts file.
      moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
      transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.dev.json' }] },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/dispose-polyfill.ts'],
      globalSetup: '@ddb-lock/local-dynamo/jest-global-setup',
      globalTeardown: '@ddb-lock/local-dynamo/jest-global-teardown',
      testTimeout: 30000,
      maxWorkers: 2,
    },
  });
}
