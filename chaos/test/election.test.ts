import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeoverBound } from '../src/checker/handoffs.js';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { electionScenario } from '../src/election-scenario.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 30: candidates of one election win terms with Election.campaign while the nemesis
// kills and pauses leaders and throws storms, under the mixed scenario's network faults. One
// valid leader at a time (S2 overlap), terms strictly increase (fences), replacement within L1.
test('election under leader kills, pauses and storms: one valid leader at a time, replaced within L1', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    ...electionScenario(3030, 0, 6, 1, CI_DURATION_MS + 30_000),
    grants: undefined,
    durationMs: CI_DURATION_MS,
  });
  expectClean(run);
  const { takeoverMs } = run.result.stats;
  assert.ok(run.record.history.filter((e) => e.ev === 'grant').length >= 20, 'too few terms');
  assert.ok(takeoverMs.length >= 1, 'no leader was replaced after a kill or pause');
  assert.ok(Math.max(...takeoverMs) <= takeoverBound(CI_TIMING));
});
