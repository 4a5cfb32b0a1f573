import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLosses, lossWindowStart } from '../src/checker/losses.js';
import type { RunRecord } from '../src/checker/types.js';
import { grantWindows } from '../src/checker/windows.js';
import { CI_TIMING } from '../src/ci-timing.js';
import type { FaultClass } from '../src/faults.js';
import type { HistoryEvent } from '../src/history.js';

// The L2 window (issue 24): faults excuse a loss when they lie in the validity that ended, and
// that validity began at the first send of the grant's attempt chain — for an acquire whose first
// response was lost and which recognised its own write, well before the grant was logged. A loss
// declared late (a loaded worker's expiry timer fires after validity ran out) pushed the old
// window, counted back from the loss, past the chain's first faults.
const { leaseMs, safetyMarginMs, requestTimeoutMs, heartbeatMs } = CI_TIMING;
const validityMs = leaseMs - safetyMarginMs; // 900
const tolerable = leaseMs - heartbeatMs - safetyMarginMs; // 700

const ev = (w: number, t: number, e: object) => ({ ...e, t, w }) as HistoryEvent;
const fault = (t: number, f: FaultClass) => ({ t, worker: 1, fault: f });

/**
 * w1's acquire is first sent at 100; its response is dropped and the retry, refused by its own
 * item, recognises the write at 400: validity counts from 100, to 1000. Every heartbeat then
 * fails until the loss, which the worker declares late, at 1300.
 */
function run(faults: RunRecord['faults']): RunRecord {
  const firstSend = 100;
  const validUntil = firstSend + validityMs;
  const history = [
    ev(1, 0, { ev: 'acquire-start', key: 'k0' }),
    ev(1, 400, { ev: 'grant', key: 'k0', fence: 7, validUntil }),
    ev(1, validUntil + 300, { ev: 'lost', key: 'k0', fence: 7, reason: 'expired' }),
  ];
  return { history, applied: [], faults, params: CI_TIMING };
}

// The acquire's lost response at 120, its retry's reset at 200, then the heartbeats' faults.
const chainFaults = [fault(120, 'drop'), fault(200, 'reset'), fault(450, 'reset'), fault(650, 'drop'), fault(850, 'reset')];

test('L2 window: starts one request deadline before the validity that ended, from the first send of the chain', () => {
  const { history } = run(chainFaults);
  const [window] = grantWindows(history);
  assert.equal(window!.validUntil, 1_000);
  const lostAt = 1_300;
  // The old window, counted back from the loss, starts at 150: after the acquire's lost response.
  assert.equal(lostAt - validityMs - requestTimeoutMs, 150);
  assert.equal(lossWindowStart(lostAt, window, CI_TIMING), 100 - requestTimeoutMs);
  // A loss declared on time (at validity end) gets the same window both ways.
  assert.equal(lossWindowStart(1_000, window, CI_TIMING), 1_000 - validityMs - requestTimeoutMs);
  // Without a window (a loss the history has no grant for) the bound from the loss stands.
  assert.equal(lossWindowStart(lostAt, undefined, CI_TIMING), 150);
});

test('L2 checker: faults from the chain’s first send, before the old window, explain the loss', () => {
  const record = run(chainFaults);
  const result = checkLosses(record, grantWindows(record.history));
  // 850 − 120 = 730 ms of faults ≥ the 700 ms L2 tolerates; the old window saw 850 − 200 = 650.
  assert.ok(850 - 120 >= tolerable && 850 - 200 < tolerable);
  assert.deepEqual(result.violations, []);
  assert.equal(result.total, 1);
  assert.equal(result.explained, 1);

  // The old checker on the same history: without the grant's window, the start is counted back
  // from the loss as it was before, and the loss comes out spurious.
  const old = checkLosses(record, []);
  assert.deepEqual(
    old.violations.map((v) => v.property),
    ['L2-spurious-loss'],
  );
  assert.match(old.violations[0]!.message, /4 faults spanning 650 ms/);
});

test('L2 checker: a loss with no faults is still spurious, however far back the window reaches', () => {
  const record = run([]);
  const result = checkLosses(record, grantWindows(record.history));
  assert.deepEqual(
    result.violations.map((v) => v.property),
    ['L2-spurious-loss'],
  );
  assert.equal(result.explained, 0);
});

test('L2 checker: faults spanning less than the bound within the longer window still leave the loss spurious', () => {
  const record = run([fault(120, 'drop'), fault(450, 'reset'), fault(650, 'drop')]);
  const result = checkLosses(record, grantWindows(record.history));
  assert.deepEqual(
    result.violations.map((v) => v.property),
    ['L2-spurious-loss'],
  );
});
