import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectClean } from '../src/expect-clean.js';
import { formatL4, l4Rows } from '../src/l4-figures.js';
import { runScenario } from '../src/scenario.js';
import { shortCallersScenario } from '../src/short-callers-scenario.js';

// Scenario 24 (L4): callers that never wait a lease per call take SIGKILLed and paused holders'
// locks over within lease + two calls of first seeing the last record version (a fresh
// wall-clock client: within expiresAt + maxSkewMs + one call), never before one lease after
// the holder's last write. The checker's own test: short-callers-checker.test.ts.
test('short callers (tryAcquire, waitMs 0, waitMs lease/2, fresh wall-clock clients): L4 takeover of killed and paused holders', {
  timeout: 120_000,
}, async () => {
  const run = await runScenario(shortCallersScenario(909, 15_000));
  expectClean(run);
  console.log(
    "L4 takeovers by the taker's mode (origin: first sighting, or expiresAt + maxSkewMs for fresh clients; " +
      `late ones excused by faults: ${run.result.stats.shortCallerSlowExplained}): ${formatL4(run)}`,
  );
  const takeovers = l4Rows(run).reduce((n, row) => n + row.n, 0);
  assert.ok(takeovers >= 4, `only ${takeovers} takeovers by short callers`);
});
