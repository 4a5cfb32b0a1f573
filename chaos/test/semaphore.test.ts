import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSemaphoreBound, type GrantWindow } from '../src/checker/windows.js';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';
import { chaosServers } from '../src/servers.js';

// Scenario 29: a semaphore under kills, pauses and storms. Its permits are the run's keys, so
// every per-lock property (S1, S2, L1–L3) is checked per permit, and SN over all of them.

test('the SN check flags N + 1 overlapping permit windows, and not N', () => {
  const w = (key: string, start: number, end: number): GrantWindow => ({ w: 1, key, fence: 1, start, end, validUntil: end, paused: false });
  const two = [w('sem#0', 0, 10), w('sem#1', 5, 15), w('sem#0', 10, 20)];
  assert.deepEqual(checkSemaphoreBound(two, 2), []);
  const three = [...two, w('sem#2', 12, 14)];
  assert.equal(checkSemaphoreBound(three, 2).length, 1);
  assert.equal(checkSemaphoreBound(three, 2)[0]!.property, 'SN-more-than-N');
});

for (const { server, skip } of chaosServers()) {
  test(`semaphore: kills, pauses and storms on N = 2 permits: SN and every per-permit property hold (${server})`, {
    timeout: 90_000,
    skip,
  }, async () => {
    const run = await runScenario({
      server,
      name: 'semaphore',
      semaphore: true,
      seed: 2929,
      workers: 5,
      keys: 2,
      durationMs: CI_DURATION_MS,
      timing: CI_TIMING,
      faults: { latencyMs: 1, jitterMs: 3, faults: { drop: { rate: 0.01 }, throttle: { rate: 0.01 } } },
      nemesis: { everyMs: 1_500, kill: true, pauseMs: [1_500, 2_500], storms: [{ fault: 'error5xx', ms: [200, 400] }] },
    });
    expectClean(run);
    assert.ok(run.result.stats.grants >= 10, `only ${run.result.stats.grants} grants`);
    assert.ok(run.result.stats.takeoverMs.length >= 1, 'no dead holder was replaced');
    console.log(
      `semaphore chaos (${server}): ${run.result.stats.grants} grants,` +
        ` takeovers ${run.result.stats.takeoverMs.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
  });
}
