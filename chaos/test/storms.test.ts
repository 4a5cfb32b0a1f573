import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 9: throttling and 5xx storms. Shorter than lease − heartbeat − margin (700 ms): no
// holder may lose its lock (L2). Longer than the lease: holders lose by validity end, never
// overlap, and grants resume after.
test('short throttling and 5xx storms: no spurious loss', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'short-storms', seed: 303, workers: 4, keys: 2, durationMs: CI_DURATION_MS, timing: CI_TIMING,
    faults: { latencyMs: 1, jitterMs: 3 },
    nemesis: { everyMs: 700, storms: [{ fault: 'throttle', ms: [150, 400] }, { fault: 'error5xx', ms: [150, 400] }] },
  });
  // A storm excuses losses in the checker; here none may happen at all.
  expectClean(run);
  assert.equal(run.result.stats.losses, 0, 'a holder lost its lock to a storm shorter than the L2 bound');
  assert.ok(run.faultCounts.throttle! + run.faultCounts.error5xx! >= 20);
});

test('storms longer than the lease: loss by validity end, never overlap', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'long-storms', seed: 304, workers: 4, keys: 2, durationMs: CI_DURATION_MS, timing: CI_TIMING,
    faults: { latencyMs: 1, jitterMs: 3 },
    nemesis: { everyMs: 3_000, storms: [{ fault: 'throttle', ms: [1_500, 2_000] }, { fault: 'error5xx', ms: [1_500, 2_000] }] },
  });
  expectClean(run);
  assert.ok(run.result.stats.grants >= 20, 'grants did not resume after the storms');
});
