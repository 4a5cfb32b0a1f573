import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// L2 at its edge: throttling and 5xx storms of 650 ms, just under lease − heartbeat − margin (700 ms),
// at known moments while every holder keeps its lock on heartbeats alone.
test('L2 edge: a 650 ms throttling storm costs no healthy holder its lock', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'l2-edge',
    seed: 909,
    workers: 2,
    keys: 2,
    durationMs: 7_000,
    timing: CI_TIMING,
    holdMs: 5_000,
    faults: { latencyMs: 1, jitterMs: 3 },
    nemesis: {
      everyMs: 0,
      at: [
        { atMs: 1_000, fault: 'throttle', ms: 650 },
        { atMs: 3_000, fault: 'throttle', ms: 650 },
        { atMs: 5_000, fault: 'error5xx', ms: 650 },
      ],
    },
  });
  expectClean(run, ['L2-spurious-loss']);
  assert.equal(run.result.stats.losses, 0, `${run.result.stats.losses} holder(s) lost their lock to a storm shorter than the L2 bound`);
});
