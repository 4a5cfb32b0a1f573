import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_TIMING } from '../src/ci-timing.js';
import { describeFailure } from '../src/excerpt.js';
import { runScenario } from '../src/scenario.js';

// Scenario 7, known failure (runtime bug, see chaos/README.md): a release whose response is lost
// is retried; when a waiter acquired the lock in between, the retry's condition fails and
// release() returns false and emits `lost` (stolen) although our own release was applied.
// One key and quick waiters make that interleaving common. Safe (nothing is overwritten), but
// the README promises `true` after a lost response.
test('lost response on release reports success', { timeout: 90_000, todo: 'runtime: release() reports a lost response as lost when a successor got in first' }, async () => {
  const run = await runScenario({
    name: 'release-lost-response', seed: 1001, workers: 4, keys: 1, durationMs: 6_000, timing: CI_TIMING, thinkMs: 0,
    faults: { latencyMs: 1, jitterMs: 3, faults: { drop: { rate: 0.15, ops: ['UpdateItem'] } } },
  });
  const misreported = run.result.violations.filter((v) => v.property === 'release-misreported');
  assert.equal(misreported.length, 0, describeFailure({ ...run, result: { ...run.result, violations: misreported } }));
});
