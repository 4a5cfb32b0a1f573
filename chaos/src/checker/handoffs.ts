import type { HistoryEvent } from '../history.js';
import { grantPairs } from './grant-pairs.js';
import { RunIndex } from './index-by.js';
import type { CheckParams, RunRecord, Violation } from './types.js';

export interface Handoffs {
  readonly violations: Violation[];
  /** Ms from the old holder's last write (or the waiter's start, if later) to the new grant, after a crash/loss/pause. */
  readonly takeoverMs: number[];
  /** Same after a clean release. */
  readonly releaseHandoffMs: number[];
  /** Slow handoffs explained by faults hitting the new holder or a pause. */
  readonly slowExplained: number;
}

export const FAILURES = new Set(['drop', 'reset', 'hang', 'throttle', 'error5xx', 'late']);

/** Upper bound of a takeover: lease + skew + poll, plus one poll of observation and one request deadline of slack. */
export function takeoverBound(p: CheckParams): number {
  return p.leaseMs + (p.maxSkewMs ?? 0) + 2 * p.pollMs + p.requestTimeoutMs + 250;
}

/**
 * L1 and L3 on the server's truth: between consecutive grants of a key, the lock passes on
 * within poll after a release, and within the takeover bound (never earlier than one lease after
 * the old grant's last write, in skew-free mode) when it was never released — a crash, a pause,
 * a lost response, an acquire nobody heard. Counted from when the new holder started waiting, or
 * from when the old grant was applied if later.
 */
export function checkHandoffs(run: RunRecord, index = new RunIndex(run)): Handoffs {
  const { params: p, applied, history } = run;
  const out: Handoffs = { violations: [], takeoverMs: [], releaseHandoffMs: [], slowExplained: 0 };
  const bound = takeoverBound(p);
  const starts = acquireStarts(history);
  for (const { key, prev, next, release, lastWrite } of grantPairs(applied)) {
    const waiterStart = starts.get(`${next.worker}|${key}|${next.fence}`);
    if (waiterStart === undefined) continue; // a grant no worker heard of: no waiter to time
    // Never before the grant itself was applied: a replayed acquire re-creates an old record
    // version after a release (an orphan nobody holds), and its lease starts when it lands.
    const from = Math.max(release ? release.t : lastWrite, prev.t, waiterStart);
    const latency = next.t - from;
    if (release) out.releaseHandoffMs.push(latency);
    else out.takeoverMs.push(latency);
    if (!release && p.maxSkewMs === undefined && next.t - lastWrite < p.leaseMs - 25) {
      out.violations.push({
        property: 'L1-early-takeover',
        key,
        t: next.t,
        message:
          `${next.owner} took fence ${prev.fence} over ${(next.t - lastWrite).toFixed(0)} ms after its last write ` +
          `(lease ${p.leaseMs})`,
      });
    }
    const limit = release ? 2 * p.pollMs + p.requestTimeoutMs + 250 : bound;
    if (latency <= limit) continue;
    if (explained(run, index, next.worker, from, next.t)) {
      (out as { slowExplained: number }).slowExplained++;
      continue;
    }
    out.violations.push({
      property: release ? 'L1-slow-takeover' : 'L3-leaked-lock',
      key,
      t: next.t,
      message:
        `${release ? 'after a release' : `fence ${prev.fence} never released`}, ` +
        `${next.owner} got the lock ${latency.toFixed(0)} ms after it could (bound ${limit} ms)`,
    });
  }
  return out;
}

/** For each grant a worker heard of (`worker|key|fence`): when it started the acquire call that got it. */
function acquireStarts(history: readonly HistoryEvent[]): Map<string, number> {
  const pending = new Map<string, number>();
  const out = new Map<string, number>();
  for (const e of history) {
    if (e.ev === 'acquire-start') pending.set(`${e.w}|${e.key}`, e.t);
    if (e.ev === 'grant') {
      const start = pending.get(`${e.w}|${e.key}`);
      if (start !== undefined) out.set(`${e.w}|${e.key}|${e.fence}`, start);
    }
  }
  return out;
}

/** A slow handoff is excused when faults hit the new holder's requests or a process was paused meanwhile. */
export function explained(run: RunRecord, index: RunIndex, worker: number | undefined, from: number, to: number): boolean {
  if (index.faults(worker, from - run.params.requestTimeoutMs, to, FAILURES).length > 0) return true;
  return index.paused(worker, from, to) || index.stormed(worker, from, to);
}
