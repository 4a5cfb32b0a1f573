import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions } from './compiler-options';
import { versions } from './versions';

const dir = 'tools/local-dynamo';

/** Workspace dependency line for the packages that use the toolkit. */
export const localDynamoDependency = { '@ddb-lock/local-dynamo': '0.0.0' } as const;

/**
 * `tools/local-dynamo`: private workspace, the one local-DynamoDB toolkit (dynalite and moto
 * starters, one counting proxy). Its sources are TypeScript imported with `.ts` specifiers, so
 * Node 22 (type stripping), tsx, Jest and esbuild all load them without a build step.
 */
export function configureLocalDynamo(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/local-dynamo',
      version: '0.0.0',
      private: true,
      type: 'module',
      description: 'Local DynamoDB-compatible servers (dynalite, moto) and a request-counting proxy for the tests, bench, chaos and demo.',
      exports: {
        '.': './src/index.ts',
        // DynamoDB in memory (dynalite's validation and expression evaluator, no HTTP): the unit
        // tests' fake table and the simulator. Its own subpath: it imports the AWS SDK.
        './memory': './src/memory.ts',
        // Jest's globalSetup/globalTeardown for every suite that talks to DynamoDB.
        './jest-global-setup': './src/jest-global-setup.ts',
        './jest-global-teardown': './src/jest-global-teardown.ts',
      },
      // The extra passes of a package's `npm test`: its suites on the real-DynamoDB path and on moto;
      // needs-toolchain gates any suite that needs Python, Java, Maven or Go by the moto suites' rule.
      bin: {
        'jest-aws-path': 'scripts/jest-aws-path.mjs',
        'jest-moto': 'scripts/jest-moto.mjs',
        'needs-toolchain': 'scripts/needs-toolchain.mjs',
      },
      scripts: {
        'setup-moto': 'bash setup-moto.sh',
        typecheck: 'tsc -p tsconfig.json',
        test: 'npm run typecheck && node --test --test-concurrency=1 test/*.test.ts',
      },
      dependencies: { dynalite: versions.dynalite },
      devDependencies: {
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@types/node': versions.typesNode,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        ...checkOnlyCompilerOptions,
        // Node's type stripping runs these files as they are: only erasable TypeScript.
        erasableSyntaxOnly: true,
        verbatimModuleSyntax: true,
      },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
  });
}
