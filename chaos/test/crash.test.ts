import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeoverBound } from '../src/checker/handoffs.js';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';
import { chaosServers } from '../src/servers.js';

// Scenario 12: holders SIGKILLed (and replaced). Takeover within lease + poll (+ slack), never
// before one lease after the dead holder's last write.
// One of the chaos CI scenarios that also run on moto, the second server.
for (const { server, skip } of chaosServers()) {
  test(`holder crash: takeover within L1, never before one lease (${server})`, { timeout: 90_000, skip }, async () => {
    const run = await runScenario({
      server,
      name: 'crash',
      seed: 606,
      workers: 4,
      keys: 2,
      durationMs: CI_DURATION_MS,
      timing: CI_TIMING,
      faults: { latencyMs: 1, jitterMs: 3 },
      nemesis: { everyMs: 1_500, kill: true },
    });
    expectClean(run);
    const { takeoverMs } = run.result.stats;
    assert.ok(takeoverMs.length >= 2, `only ${takeoverMs.length} takeovers`);
    assert.ok(Math.max(...takeoverMs) <= takeoverBound(CI_TIMING));
  });
}
