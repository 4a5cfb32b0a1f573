import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { explore, timelineOf, variant } from '../src/explore.ts';
import { scenarios } from '../src/scenario.ts';

// The CI pass (issue 24): the shipped client over thousands of generated scenarios — 2–6
// processes with skewed, drifting clocks, pauses, crashes and partitions taking locks, semaphore
// permits and election terms on 1–3 keys, a network that delays, drops, loses responses and
// duplicates — must violate nothing (S1, S2, SN, SE, L2, L3, TTL, request counts). A failure prints the
// shrunk scenario, its timeline and the seed that replays it (`npm run sim -- --seed N`).
const SCENARIOS = Number(process.env.DDB_LOCK_SIM_SCENARIOS ?? 2_000);
const SEED = Number(process.env.DDB_LOCK_SIM_SEED ?? 24);

test(`the shipped client violates nothing over ${SCENARIOS} scenarios (seed ${SEED})`, async () => {
  const runtimes = await variant('shipped');
  const result = await explore(runtimes, { runs: SCENARIOS, seed: SEED, shrink: true });
  const perSecond = result.scenarios / (result.wallMs / 1000);
  process.stdout.write(
    `# ${result.scenarios} scenarios, ${result.grants} grants, ${(result.virtualMs / 3_600_000).toFixed(1)} virtual hours ` +
      `in ${(result.wallMs / 1000).toFixed(1)} s (${perSecond.toFixed(0)} scenarios/s); ` +
      `fence recreations larger/smaller: ${result.recreations.increasing}/${result.recreations.decreasing}\n`,
  );
  if (result.failure) {
    const { scenario, violations, seed, path } = result.failure;
    assert.fail(
      `${violations.join('\n')}\nreplay: seed ${seed} path ${path}\n${JSON.stringify(scenario)}\n${await timelineOf(runtimes, scenario)}`,
    );
  }
  assert.equal(result.scenarios, SCENARIOS);
  // Both sides of the fences-after-deletion condition were exercised (docs/design.md).
  assert.ok(result.recreations.increasing > 0 && result.recreations.decreasing > 0, JSON.stringify(result.recreations));
});

test('a scenario replays exactly: the same scenario, the same timeline, event for event', async () => {
  const runtimes = await variant('shipped');
  const [scenario] = fc.sample(scenarios(), { seed: SEED, numRuns: 1 });
  const first = await timelineOf(runtimes, scenario!);
  const again = await timelineOf(runtimes, scenario!);
  assert.ok(first.split('\n').length > 20);
  assert.equal(again, first);
});
