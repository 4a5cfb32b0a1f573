import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions } from './compiler-options';
import { versions } from './versions';

const dir = 'tools/consumer';

/**
 * `tools/consumer`: private workspace, the install suite. It builds and packs every publishable
 * npm package, installs the tarballs into fresh projects outside the repo (and, through a local
 * Verdaccio, by name), and checks them as users get them: CommonJS and ESM on Node 20 and 22,
 * every TypeScript resolution mode, a CDK app's NodejsFunction bundle, the CLI installed globally,
 * arethetypeswrong and publint. Last of the workspaces: it packs what the others built and tested.
 */
export function configureConsumer(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/consumer',
      version: '0.0.0',
      private: true,
      type: 'module',
      description: 'Install suite: the packed packages, installed and used from fresh projects outside the repo.',
      scripts: {
        typecheck: 'tsc -p tsconfig.json',
        // Build and pack once, then one test file at a time (each installs projects and runs Node).
        test: 'npm run typecheck && node --import tsx src/prepare.ts && node --import tsx --test --test-concurrency=1 test/*.test.ts',
      },
      devDependencies: {
        ...{ '@ddb-lock/local-dynamo': '0.0.0', '@ddb-lock/lambda-runner': '0.0.0' },
        '@arethetypeswrong/cli': versions.attw,
        '@types/node': versions.typesNode,
        publint: versions.publint,
        tsx: versions.tsx,
        typescript: versions.typescript,
        verdaccio: versions.verdaccio,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: { ...checkOnlyCompilerOptions, esModuleInterop: true, resolveJsonModule: true },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
  });
}
