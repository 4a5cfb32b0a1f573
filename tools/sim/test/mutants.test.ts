import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explore, variant } from '../src/explore.ts';
import { MUTANTS } from '../src/mutants.ts';

// The simulator proves itself (issue 24): each known bug, applied to the runtime's source as it
// is bundled, must be caught within the budget of scenarios. The table of what caught each, and
// after how many scenarios, is printed; `npm run sim -- --mutants` writes it to the report.
const BUDGET = 4_000;
const SEED = Number(process.env.DDB_LOCK_SIM_SEED ?? 24);

for (const mutant of MUTANTS) {
  test(`mutant ${mutant.id} (${mutant.bug}) is caught`, async () => {
    const result = await explore(await variant(mutant.id, mutant.edits), { runs: BUDGET, seed: SEED, shrink: false });
    process.stdout.write(
      `# ${mutant.id}: ${result.failure ? `caught after ${result.scenarios} scenarios: ${result.failure.violations[0]}` : 'NOT caught'}\n`,
    );
    assert.ok(result.failure, `${mutant.id} survived ${BUDGET} scenarios`);
  });
}
