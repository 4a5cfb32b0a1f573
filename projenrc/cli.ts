import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions, runtimeSourcePaths } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { releaseVersion } from './release-version';
import { versions } from './versions';

const dir = 'cli';

/**
 * `@ddb-lock/cli`: the `ddb-lock` bin (ls, inspect, watch, release, run). Its bin is a small JS
 * file that runs the TypeScript sources through tsx, so `npm ci` at the root is enough to get a
 * working `node_modules/.bin/ddb-lock` — no build step, and never a stale build.
 */
export function configureCli(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/cli',
      version: releaseVersion,
      private: true,
      description: 'ddb-lock command line: list, inspect, watch and release locks; run a command under a lock.',
      license: 'Apache-2.0',
      type: 'module',
      bin: { 'ddb-lock': './bin/ddb-lock.mjs' },
      engines: { node: '>=20' },
      scripts: {
        typecheck: 'tsc -p tsconfig.json',
        // One file at a time: the run tests time children against leases on a 2-core machine.
        test: 'npm run typecheck && node --import tsx --test --test-concurrency=1 test/*.test.ts',
      },
      dependencies: {
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        '@ddb-lock/runtime': `^${releaseVersion}`,
        commander: versions.commander,
        tsx: versions.tsx,
      },
      devDependencies: {
        ...localDynamoDependency,
        '@types/node': versions.typesNode,
        dynalite: versions.dynalite,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        // .ts specifiers allowed: tools/local-dynamo is imported as TypeScript (Node type stripping).
        ...checkOnlyCompilerOptions,
        noImplicitOverride: true,
        esModuleInterop: true,
        isolatedModules: true,
        // The bin (through tsx, which reads this file) and the type check use the runtime's
        // sources: nothing needs building after `npm ci`.
        baseUrl: '.',
        paths: runtimeSourcePaths('../runtime'),
      },
      include: ['src/**/*.ts', 'test/**/*.ts', 'bin/**/*.mjs'],
    },
  });
}
