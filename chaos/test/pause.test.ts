import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 4: holders SIGSTOPped for longer than their lease, then SIGCONTed. Careless holders
// write the fenced item without checking validity: the table alone must refuse them (S1).
test('holder paused past its lease: successor takes over, stale fenced writes refused', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'pause',
    seed: 505,
    workers: 4,
    keys: 2,
    durationMs: CI_DURATION_MS,
    timing: CI_TIMING,
    faults: { latencyMs: 1, jitterMs: 3 },
    careless: true,
    nemesis: { everyMs: 1_500, pauseMs: [1_500, 2_500] },
  });
  expectClean(run);
  assert.ok(
    run.record.history.some((e) => e.ev === 'pause'),
    'no holder was paused',
  );
  assert.ok(run.result.stats.takeoverMs.length >= 1, 'no takeover after a pause');
});
