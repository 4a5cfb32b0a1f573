import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions, runtimeSourcePaths } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'tools/lambda-runner';

/** Workspace dependency line for the packages that use the runner. */
export const lambdaRunnerDependency = { '@ddb-lock/lambda-runner': '0.0.0' } as const;

/**
 * `tools/lambda-runner`: private workspace, the local Lambda runner (a synthesized app's bundles in
 * Lambda-like child processes, its table on the toolkit's local server, an emulated SQS event
 * source mapping). TypeScript with `.ts` specifiers like tools/local-dynamo: Jest and tsx load it
 * without a build. `./sqs` is the queue half alone, for the runtime's in-process batch suite.
 */
export function configureLambdaRunner(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/lambda-runner',
      version: '0.0.0',
      private: true,
      type: 'module',
      description:
        "Runs a synthesized CDK app's Lambda functions locally from their real bundles, for the example app's tests and the demo.",
      exports: { '.': './src/index.ts', './sqs': './src/sqs.ts' },
      scripts: { typecheck: 'tsc -p tsconfig.json', test: 'npm run typecheck' },
      dependencies: {
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@ddb-lock/runtime': '0.1.0',
        ...localDynamoDependency,
      },
      devDependencies: {
        '@types/aws-lambda': versions.typesAwsLambda,
        '@types/node': versions.typesNode,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        ...checkOnlyCompilerOptions,
        baseUrl: '.',
        paths: runtimeSourcePaths('../../runtime'),
      },
      include: ['src/**/*.ts'],
    },
  });
}
