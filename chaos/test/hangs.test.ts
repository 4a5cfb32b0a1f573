import { test } from 'node:test';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 10: hung connections and resets. Per-request deadlines fire, others take over within
// L1, and nothing a hung holder queued is applied to its successor's item.
test('hung connections and resets: deadlines fire, takeover within bound', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'hangs',
    seed: 404,
    workers: 4,
    keys: 2,
    durationMs: CI_DURATION_MS,
    timing: CI_TIMING,
    faults: {
      latencyMs: 1,
      jitterMs: 3,
      maxHangMs: 5_000,
      faults: { hang: { rate: 0.03, burstRate: 0.003, burstMs: 400 }, reset: { rate: 0.03 } },
    },
  });
  expectClean(run);
});
