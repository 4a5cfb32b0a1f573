import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'chaos';

/** `chaos/`: private workspace. Fault-injection and safety suite for ddb-lock. */
export function configureChaos(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/chaos',
      private: true,
      type: 'module',
      description: 'Fault-injection and safety suite for ddb-lock.',
      scripts: {
        // Long mode (not CI): `npm run chaos -- --grants 100000`, report under chaos/results/.
        chaos: 'tsx src/run.ts',
        typecheck: 'tsc -p tsconfig.json',
        // One scenario file at a time: the scenarios are timing-sensitive and the machine has 2 cores.
        test: 'npm run typecheck && node --import tsx --test --test-concurrency=1 test/*.test.ts',
      },
      devDependencies: {
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@types/node': versions.typesNode,
        ...localDynamoDependency,
        tsx: versions.tsx,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        ...checkOnlyCompilerOptions,
        esModuleInterop: true,
      },
      // Only our own files: the runtime sources we import are type-checked by their own package.
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
  });
}
