import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkShortCallers, l4Bound } from '../src/checker/short-callers.js';
import type { CallMode, CheckParams, RunRecord } from '../src/checker/types.js';
import { CI_TIMING } from '../src/ci-timing.js';
import type { AppliedWrite } from '../src/dynamo-wire.js';
import type { HistoryEvent } from '../src/history.js';
import { lockWrite } from './support/lock-write.js';

// The L4 checker on synthetic histories, so it is known to pass a good takeover and to flag a
// late and an early one, whatever a live run happens to produce.
const params: CheckParams = { ...CI_TIMING, shortCalls: { modes: ['try', 'wait0', 'waitHalf', 'fresh'], intervalMs: 200, maxSkewMs: 200 } };
const WALL = 1_800_000_000_000; // every process's wall clock = monotonic + WALL (no skew)
const LAST_WRITE = 400;

const write = (t: number, worker: number, kind: AppliedWrite['kind'], fence: number, rvn: string) =>
  lockWrite(t, worker, kind, fence, { rvn });
const ev = (w: number, t: number, e: object) => ({ ...e, t, w, wall: t + WALL }) as HistoryEvent;

/**
 * w0 takes k0 at 0 (record version A), heartbeats at 400 (B, its last write) and dies. w1 calls
 * every 200 ms from 100 in `mode`; each call takes 5 ms and is refused with the holder it saw
 * (a tryAcquire says nothing: its calls are placed by their start). w1 takes the lock at `takenAt`.
 */
function run(mode: CallMode, takenAt: number, extra: HistoryEvent[] = [], faults: RunRecord['faults'] = [], taken = true) {
  const applied = [
    write(0, 0, 'acquire', 1, 'A'),
    write(LAST_WRITE, 0, 'heartbeat', 1, 'B'),
    ...(taken ? [write(takenAt, 1, 'acquire', 2, 'C')] : []),
  ];
  const history: HistoryEvent[] = [
    ev(0, -50, { ev: 'start', owner: 'w0', skewMs: 0 }),
    ev(1, -50, { ev: 'start', owner: 'w1', skewMs: 0, calls: mode }),
  ];
  for (let start = 100; start + 5 < takenAt; start += 200) {
    const seen = start < LAST_WRITE ? 'A' : 'B';
    const expiresAt = (seen === 'A' ? 0 : LAST_WRITE) + WALL + params.leaseMs;
    history.push(
      ev(1, start + 5, {
        ev: 'acquire-end',
        key: 'k0',
        outcome: 'busy',
        callStart: start,
        ...(mode !== 'try' && { rvn: seen, expiresAt }),
      }),
    );
  }
  history.push(...extra);
  history.sort((a, b) => a.t - b.t);
  return checkShortCallers({ history, applied, faults, params });
}

// w1's first call after the last write starts at 500 and ends at 505: its first sighting of B.
const SIGHTING = 505;
const skewFreeBound = l4Bound(params, params.shortCalls!, 'try'); // lease + 2 calls + deadline
// A fresh wall-clock client is due at B's expiresAt + maxSkewMs = 400 + 1000 + 200 on its clock.
const FRESH_DUE = LAST_WRITE + params.leaseMs + params.shortCalls!.maxSkewMs;
const freshBound = l4Bound(params, params.shortCalls!, 'fresh'); // one call + deadline

test('L4 checker: a tryAcquire loop taking over a lease after its first sighting passes, with its figures', () => {
  const ok = run('try', SIGHTING + params.leaseMs + 105);
  assert.deepEqual(ok.violations, []);
  assert.deepEqual(ok.byMode.try, {
    fromOriginMs: [params.leaseMs + 105],
    fromLastWriteMs: [SIGHTING + params.leaseMs + 105 - LAST_WRITE],
  });
});

test('L4 checker: a takeover later than first sighting + lease + two calls (+ one deadline) is flagged', () => {
  assert.deepEqual(run('wait0', SIGHTING + skewFreeBound).violations, []);
  const late = run('wait0', SIGHTING + skewFreeBound + 50);
  assert.deepEqual(
    late.violations.map((v) => v.property),
    ['L4-late-takeover'],
  );
  assert.match(late.violations[0]!.message, /wait0 caller w1 was due by its first sighting \+ lease/);
});

test('L4 checker: a dead holder\'s lock never taken over while a due caller kept calling is flagged (the old "never")', () => {
  const stopAt = SIGHTING + skewFreeBound + 300;
  const never = run('try', stopAt, [ev(1, stopAt, { ev: 'stop', grants: 0 })], [], false);
  assert.deepEqual(
    never.violations.map((v) => v.property),
    ['L4-late-takeover'],
  );
  assert.match(never.violations[0]!.message, /nobody took it before the run ended/);
  // Stopped before one call past its bound (a stopping worker's calls end before it logs stop): not held to it.
  const short = SIGHTING + skewFreeBound + params.shortCalls!.intervalMs - 10;
  assert.deepEqual(run('try', short, [ev(1, short, { ev: 'stop', grants: 0 })], [], false).violations, []);
});

test("L4 checker: a takeover less than one lease after the holder's last write is flagged early", () => {
  const early = run('waitHalf', LAST_WRITE + params.leaseMs - 100);
  assert.deepEqual(
    early.violations.map((v) => v.property),
    ['L4-early-takeover'],
  );
});

test('L4 checker: a fresh wall-clock client is held to expiresAt + maxSkewMs + one call, and never before one lease', () => {
  const ok = run('fresh', FRESH_DUE + 150);
  assert.deepEqual(ok.violations, []);
  assert.deepEqual(ok.byMode.fresh?.fromOriginMs, [150]);
  assert.deepEqual(
    run('fresh', FRESH_DUE + freshBound + 50).violations.map((v) => v.property),
    ['L4-late-takeover'],
  );
  assert.deepEqual(
    run('fresh', LAST_WRITE + params.leaseMs - 100).violations.map((v) => v.property),
    ['L4-early-takeover'],
  );
});

test('L4 checker: a caller killed before it was due is not held to the bound; a fault on its calls excuses lateness', () => {
  const late = SIGHTING + skewFreeBound + 500;
  assert.deepEqual(run('try', late, [ev(-1, 900, { ev: 'kill', target: 1 })]).violations, []);
  const throttled = run('try', late, [], [{ t: 1_300, worker: 1, fault: 'throttle' }]);
  assert.deepEqual(throttled.violations, []);
  assert.equal(throttled.slowExplained, 1);
  // The same fault on another worker's requests excuses nothing.
  assert.deepEqual(
    run('try', late, [], [{ t: 1_300, worker: 2, fault: 'throttle' }]).violations.map((v) => v.property),
    ['L4-late-takeover'],
  );
  const paused = run('try', late, [ev(-1, 1_200, { ev: 'pause', target: 1, ms: 800 })]);
  assert.deepEqual(paused.violations, []);
  assert.equal(paused.slowExplained, 0); // not due at all while paused: neither flagged nor excused
});
