import { JsonFile, type Project } from 'projen';
import { runtimeSourcePaths } from './compiler-options';
import { lambdaRunnerDependency } from './lambda-runner';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'runtime';

/** `@ddb-lock/runtime`: ESM + types, no CDK import. */
export function configureRuntime(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/runtime',
      version: '0.1.0',
      description: 'Distributed locks on Amazon DynamoDB: lock client with heartbeats, fencing tokens and a Middy middleware.',
      license: 'Apache-2.0',
      type: 'module',
      main: './lib/index.js',
      types: './lib/index.d.ts',
      exports: {
        '.': { types: './lib/index.d.ts', import: './lib/index.js' },
        './middy': { types: './lib/middy/index.d.ts', import: './lib/middy/index.js' },
        './powertools': { types: './lib/powertools/index.d.ts', import: './lib/powertools/index.js' },
        './otel': { types: './lib/otel/index.d.ts', import: './lib/otel/index.js' },
        // Per-record locks for SQS / Kinesis / DynamoDB Streams batches: its own entry point, so
        // the root and /middy bundles never carry it.
        './batch': { types: './lib/batch/index.d.ts', import: './lib/batch/index.js' },
        // A counting semaphore of N permits, each an ordinary lock: its own entry point, so the
        // root and /middy bundles that only take locks never carry it.
        './semaphore': { types: './lib/semaphore/index.d.ts', import: './lib/semaphore/index.js' },
        // ensureTable, getLock, listLocks, releaseGrant: functions, so a Lambda bundle that only
        // acquires locks never carries them (methods of LockClient could not be tree-shaken).
        './admin': { types: './lib/admin/index.d.ts', import: './lib/admin/index.js' },
        // Internal: the pure request builders, for the bench's raw replay (nobody writes a lock
        // request by hand). No stability promise beyond the package version.
        './protocol': { types: './lib/protocol/index.d.ts', import: './lib/protocol/index.js' },
      },
      files: ['lib'],
      engines: { node: '>=20' },
      sideEffects: false,
      scripts: {
        build: 'tsc -p tsconfig.json',
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
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: { ...compilerOptions, rootDir: 'src', outDir: 'lib', declaration: true, sourceMap: true },
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
