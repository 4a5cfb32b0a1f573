import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_TIMING } from '../src/ci-timing.js';
import { describeFailure } from '../src/excerpt.js';
import { assertCleanExits } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 7: a release whose response is lost is retried; when a waiter acquired the lock in
// between, the retry's condition fails against the successor. This suite found release() then
// reporting `false` and a `lost` event although our own release was applied (fixed in
// runtime/src/lock/lock.ts: a holder still valid when its release went out cannot have been
// taken over). One key and quick waiters make that interleaving common.
test('lost response on release reports success', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'release-lost-response',
    seed: 1001,
    workers: 4,
    keys: 1,
    durationMs: 6_000,
    timing: CI_TIMING,
    thinkMs: 0,
    faults: { latencyMs: 1, jitterMs: 3, faults: { drop: { rate: 0.15, ops: ['UpdateItem'] } } },
  });
  const misreported = run.result.violations.filter((v) => v.property === 'release-misreported');
  assert.equal(misreported.length, 0, describeFailure({ ...run, result: { ...run.result, violations: misreported } }));
  assertCleanExits(run);
});
