import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions, runtimeSourcePaths } from './compiler-options';
import { lambdaRunnerDependency } from './lambda-runner';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'examples/app';

/**
 * `examples/app` as a private workspace for its own tests: they synthesize this app (root
 * cdk.json) and run its real bundles in the local Lambda runner, so they live with the app rather
 * than in the runtime's suite. No `"type"`: the app's CDK files stay CommonJS for tsx and the
 * construct's tests; `test/` has its own `"type": "module"` marker, so the tests are ESM.
 */
export function configureExampleApp(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/example-app',
      version: '0.0.0',
      private: true,
      description: 'The example app (lock table, locked worker, SQS batch worker, scheduled report) and its Lambda-runner tests.',
      scripts: {
        typecheck: 'tsc -p tsconfig.test.json',
        // The Lambda suites on dynalite, then on the real-DynamoDB path, then on moto: the same
        // three passes the runtime's integration suite gets (the toolkit's jest-aws-path, jest-moto).
        test: 'npm run typecheck && NODE_OPTIONS=--experimental-vm-modules jest && jest-aws-path test && jest-moto test',
      },
      devDependencies: {
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@ddb-lock/runtime': '0.1.0',
        ...localDynamoDependency,
        ...lambdaRunnerDependency,
        '@jest/globals': versions.jestGlobals,
        '@types/jest': versions.typesJest,
        '@types/node': versions.typesNode,
        jest: versions.jest,
        'ts-jest': versions.tsJest,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.test.json`, {
    obj: {
      compilerOptions: {
        ...checkOnlyCompilerOptions,
        // NodeNext decides per file, as Node does: test/ is ESM (its package.json), the toolkit's sources too.
        esModuleInterop: true,
        isolatedModules: true,
        types: ['node', 'jest'],
        baseUrl: '.',
        paths: runtimeSourcePaths('../../runtime'),
      },
      include: ['test/**/*.ts'],
    },
  });
  // Only a module-type marker, not a package: the tests (and what Jest compiles for them) are ESM
  // while the app's CDK files beside them stay CommonJS.
  new JsonFile(project, `${dir}/test/package.json`, {
    obj: { type: 'module' },
  });
  new JsonFile(project, `${dir}/jest.config.json`, {
    obj: {
      testEnvironment: 'node',
      extensionsToTreatAsEsm: ['.ts'],
      moduleNameMapper: {
        // The runner's admin client is the runtime's LockClient and admin functions, from their
        // sources (no build first).
        '^@ddb-lock/runtime$': '<rootDir>/../../runtime/src/index.ts',
        '^@ddb-lock/runtime/admin$': '<rootDir>/../../runtime/src/admin/index.ts',
        // The guides' recipes (test/recipes) use the middleware as users do.
        '^@ddb-lock/runtime/middy$': '<rootDir>/../../runtime/src/middy/index.ts',
        // The runtime's sources import './x.js' as NodeNext requires; Jest resolves the .ts file.
        '^(\\.{1,2}/.*)\\.js$': '$1',
      },
      transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }] },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '@ddb-lock/local-dynamo/jest-global-setup',
      globalTeardown: '@ddb-lock/local-dynamo/jest-global-teardown',
      // Synth and the runner's child processes are slow on a shared 2-core machine.
      testTimeout: 30000,
      maxWorkers: 2,
    },
  });
}
