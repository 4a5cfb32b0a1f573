import { test } from 'node:test';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 8: requests delivered late (after their sender gave up) and replayed, 1.5 s — longer
// than the lease — after a takeover. Their conditions fail: no successor's item changes (S1),
// and a late acquire nobody hears of is taken over within one lease (L3).
test('delayed and replayed requests after takeover fail their conditions', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'delayed',
    seed: 808,
    workers: 4,
    keys: 2,
    durationMs: CI_DURATION_MS,
    timing: CI_TIMING,
    faults: { latencyMs: 1, jitterMs: 3, lateMs: 1_500, faults: { late: { rate: 0.02 }, replay: { rate: 0.03 } } },
    nemesis: { everyMs: 2_000, pauseMs: [1_200, 1_800] },
    careless: true,
  });
  expectClean(run);
});
