import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHandoffs, takeoverBound } from '../src/checker/handoffs.js';
import { CI_TIMING } from '../src/ci-timing.js';
import type { HistoryEvent } from '../src/history.js';
import { lockWrite } from './support/lock-write.js';

const ev = (w: number, t: number, e: object) => ({ ...e, t, w }) as HistoryEvent;

/**
 * The false L3 that failed CI (delayed, seed 808): w3's acquire is replayed after w3 released
 * it, re-creating record version X — an orphan nobody holds. w0 had been waiting since before
 * the orphan existed; its lease on the orphan can only start when the orphan lands.
 */
function orphanRun(takeoverAfterOrphanMs: number) {
  const orphanAt = 1_500;
  const applied = [
    lockWrite(0, 3, 'acquire', 1, { rvn: 'X' }),
    lockWrite(100, 3, 'release', 1),
    lockWrite(orphanAt, 3, 'acquire', 2, { rvn: 'X', delayed: 'replay' }),
    lockWrite(orphanAt + takeoverAfterOrphanMs, 0, 'acquire', 3, { rvn: 'Y' }),
  ];
  const history = [
    ev(0, 600, { ev: 'acquire-start', key: 'k0' }),
    ev(0, orphanAt + takeoverAfterOrphanMs + 1, { ev: 'grant', key: 'k0', fence: 3, validUntil: 0 }),
  ];
  return checkHandoffs({ history, applied, faults: [], params: CI_TIMING });
}

test('L3 checker: a takeover of a replayed orphan is timed from when the orphan landed, not from when the waiter started', () => {
  const ok = orphanRun(1_055);
  assert.deepEqual(ok.violations, []);
  assert.deepEqual(ok.takeoverMs, [1_055]);
  // The same orphan kept past the bound is still a leaked lock.
  const leaked = orphanRun(takeoverBound(CI_TIMING) + 50);
  assert.deepEqual(
    leaked.violations.map((v) => v.property),
    ['L3-leaked-lock'],
  );
});
