import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_DURATION_MS, CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';
import { chaosServers } from '../src/servers.js';

// Scenarios 1 and 2: contended lock-set with only latency and jitter. The unfenced
// read-modify-write must lose nothing; the history must be that of a mutex.
// One of the chaos CI scenarios that also run on moto, the second server.
for (const { server, skip } of chaosServers()) {
  test(`contended lock-set: no overlap, no lost update, fences increase (${server})`, { timeout: 90_000, skip }, async () => {
    const run = await runScenario({
      server,
      name: 'contended',
      seed: 101,
      workers: 4,
      keys: 2,
      durationMs: CI_DURATION_MS,
      timing: CI_TIMING,
      faults: { latencyMs: 1, jitterMs: 5 },
    });
    expectClean(run);
    assert.ok(run.result.stats.grants >= 50, `only ${run.result.stats.grants} grants`);
    assert.equal(run.result.stats.lostUpdatesOutsideAssumptions, 0);
    assert.equal(run.result.stats.losses, 0);
  });
}
