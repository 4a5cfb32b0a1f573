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

test('a shrunk failure replays exactly from its seed and fast-check path alone (what a report prints)', async () => {
  const mutant = MUTANTS.find((m) => m.id === 'half-lease-watch')!;
  const runtimes = await variant(mutant.id, mutant.edits);
  const found = await explore(runtimes, { runs: BUDGET, seed: SEED, shrink: true });
  assert.ok(found.failure?.path, 'the mutant is caught and shrunk');
  const replayed = await explore(runtimes, { runs: BUDGET, seed: found.failure.seed, shrink: true, path: found.failure.path });
  assert.equal(replayed.scenarios, 1, 'the path leads straight to the one scenario');
  assert.deepEqual(replayed.failure?.scenario, found.failure.scenario);
  assert.deepEqual(replayed.failure?.violations, found.failure.violations);
});
