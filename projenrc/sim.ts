import { JsonFile, type Project } from 'projen';
import { checkOnlyCompilerOptions } from './compiler-options';
import { localDynamoDependency } from './local-dynamo';
import { versions } from './versions';

const dir = 'tools/sim';

/**
 * `tools/sim` (`@ddb-lock/sim`): private workspace, the deterministic simulator (issue 24). It
 * bundles the runtime's real source with esbuild (optionally with a mutant's edits), runs several
 * copies of it as simulated processes on virtual clocks against the in-memory DynamoDB model
 * (`@ddb-lock/local-dynamo/memory`) over a faulty simulated network, and checks the guarantees on
 * scenarios fast-check draws. Sources are TypeScript run by Node 22's type stripping.
 */
export function configureSim(project: Project): void {
  new JsonFile(project, `${dir}/package.json`, {
    obj: {
      name: '@ddb-lock/sim',
      version: '0.0.0',
      private: true,
      type: 'module',
      description:
        'Deterministic simulation of the real lock client: virtual clocks, a faulty network, the DynamoDB model; scenarios and mutants.',
      scripts: {
        typecheck: 'tsc -p tsconfig.json',
        // The CI pass: the unmodified client over thousands of scenarios, and every mutant caught;
        // the two files run side by side on CI's two cores.
        test: 'npm run typecheck && node --test --test-concurrency=2 test/*.test.ts',
        // Long mode: `npm run sim -- --scenarios 1000000 --workers 2 --ledger … --max-minutes 40` goes on
        // across sessions from a committed ledger and writes a report (src/cli.ts).
        sim: 'node src/cli.ts',
      },
      dependencies: {
        ...localDynamoDependency,
        '@aws-sdk/client-dynamodb': versions.awsSdk,
        esbuild: versions.esbuild,
        'fast-check': versions.fastCheck,
      },
      devDependencies: {
        '@types/node': versions.typesNode,
        typescript: versions.typescript,
      },
    },
  });
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      compilerOptions: {
        ...checkOnlyCompilerOptions,
        // Node's type stripping runs these files as they are (only erasable TypeScript in them);
        // not enforced by the compiler, because the check follows the runtime's own source (the
        // type of what the simulator loads), which uses parameter properties.
        verbatimModuleSyntax: true,
      },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
  });
}
