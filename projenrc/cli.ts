import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { packageMetadata } from './package-metadata';
import { releaseVersion } from './release-version';
import { versions } from './versions';

const dir = 'cli';

/**
 * `@ddb-lock/cli`: the `ddb-lock` bin (ls, inspect, watch, release, run), published as built
 * JavaScript (lib/) that depends on `@ddb-lock/runtime` by a version range, as users install it.
 * Its tests run the bin against the built runtime (the workspace's package, through its
 * `exports`), so the root `npm test` builds both first.
 */
export function configureCli(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/cli',
      version: releaseVersion,
      description: 'ddb-lock command line: list, inspect, watch and release DynamoDB locks; run a command under a lock.',
      ...packageMetadata('cli', ['dynamodb', 'lock', 'distributed-lock', 'cli', 'ddb-lock']),
      type: 'module',
      bin: { 'ddb-lock': './bin/ddb-lock.mjs' },
      files: ['bin', 'lib', 'LICENSE', 'README.md'],
      engines: { node: '>=20' },
      scripts: {
        build: 'rm -rf lib && tsc -p tsconfig.build.json',
        typecheck: 'tsc -p tsconfig.json',
        // One file at a time: the run tests time children against leases on a 2-core machine.
        test: 'npm run build && npm run typecheck && node --import tsx --test --test-concurrency=1 test/*.test.ts',
      },
      dependencies: {
        '@aws-sdk/client-dynamodb': '^3.600.0',
        '@ddb-lock/runtime': `^${releaseVersion}`,
        commander: versions.commander,
      },
      devDependencies: {
        ...localDynamoDependency,
        '@types/node': versions.typesNode,
        dynalite: versions.dynalite,
        tsx: versions.tsx,
        typescript: versions.typescript,
      },
    },
  });
  const compilerOptions = {
    ...checkOnlyCompilerOptions,
    noImplicitOverride: true,
    esModuleInterop: true,
    isolatedModules: true,
  };
  // Type check of sources and tests; `@ddb-lock/runtime` resolves to the built package, as it
  // will for users (build the runtime first).
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: { compilerOptions, include: ['src/**/*.ts', 'test/**/*.ts', 'bin/**/*.mjs'] },
  });
  new JsonFile(project, `${dir}/tsconfig.build.json`, {
    obj: {
      compilerOptions: {
        ...compilerOptions,
        noEmit: false,
        allowImportingTsExtensions: false,
        rootDir: 'src',
        outDir: 'lib',
        declaration: false,
      },
      include: ['src/**/*.ts'],
    },
  });
}
