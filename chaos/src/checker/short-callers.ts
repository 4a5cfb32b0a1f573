import type { HistoryEvent } from '../history.js';
import { grantPairs } from './grant-pairs.js';
import { explained } from './handoffs.js';
import { RunIndex } from './index-by.js';
import type { CallMode, CheckParams, RunRecord, ShortCalls, Violation } from './types.js';

type CallEnd = Extract<HistoryEvent, { ev: 'acquire-end' }>;

/** L4 figures per mode of the caller that took the lock over. */
export interface ModeTakeovers {
  /** Ms from the dead holder's last write (its last record version's first application) to the takeover. */
  readonly fromLastWriteMs: number[];
  /**
   * Ms from when the taker's own rule made it due — its first sighting of that version (the end
   * of the first call that saw it) for a skew-free client, `expiresAt + maxSkewMs` on its clock
   * for a fresh wall-clock client — to the takeover: compare with {@link l4Bound}.
   */
  readonly fromOriginMs: number[];
}

export interface ShortCallerTakeovers {
  readonly violations: Violation[];
  readonly byMode: Partial<Record<CallMode, ModeTakeovers>>;
  /** Late takeovers excused by faults on, or a pause or storm of, the caller that was due. */
  readonly slowExplained: number;
}

/**
 * Latest a takeover may come after `from`: for a long-lived skew-free client, `from` is its first
 * sighting of the dead holder's last record version, and its calls add up to a lease, then its
 * next call (one interval; a second for the call in flight when the lease ran out) takes it;
 * for a fresh wall-clock client, `from` is `expiresAt + maxSkewMs` on its clock, and its next call
 * takes it. Plus one request deadline of slack, as L1's bound has.
 *
 * @example
 * ```ts
 * l4Bound(CI_TIMING, { modes: ['try'], intervalMs: 200, maxSkewMs: 200 }, 'try'); // 1000 + 400 + 250
 * ```
 */
export function l4Bound(p: CheckParams, calls: ShortCalls, mode: CallMode): number {
  return (mode === 'fresh' ? calls.intervalMs : p.leaseMs + 2 * calls.intervalMs) + p.requestTimeoutMs;
}

/**
 * L4 on the server's truth and the callers' logs: when a holder never released (killed, paused,
 * lost), short callers — who never wait a lease in one call — take its lock over within
 * {@link l4Bound} of the earliest moment one of them was due, and never less than one lease after
 * its last write (L1).
 *
 * A caller's first sighting is taken as the end of its first call that must have read the last
 * version — one that started after that version landed, or whose busy error named it. That is an
 * upper estimate of when its memory first saw the version (never earlier), so a late verdict is
 * never caused by the estimate; a caller killed, stopped or paused before it was due is not counted.
 *
 * @example
 * ```ts
 * const { violations, byMode } = checkShortCallers(run.record);
 * ```
 */
export function checkShortCallers(run: RunRecord, index = new RunIndex(run)): ShortCallerTakeovers {
  const out: ShortCallerTakeovers = { violations: [], byMode: {}, slowExplained: 0 };
  const calls = run.params.shortCalls;
  if (!calls) return out;
  const { modeOf, ends, gone } = callerLogs(run.history);
  const { leaseMs } = run.params;
  for (const { key, prev, next, release, lastWrite, lastRvn } of grantPairs(run.applied, true)) {
    if (release) continue;
    // A key's last grant: never taken over while the run lasted (only callers still calling
    // past their bound, before they stopped, are held to it).
    const T = next ? next.t : Infinity;
    const takerMode = next?.worker === undefined ? undefined : modeOf.get(next.worker);
    if (next && takerMode && T - lastWrite < leaseMs - 25) {
      out.violations.push({
        property: 'L4-early-takeover',
        key,
        t: T,
        message:
          `${takerMode} caller ${next.owner} took fence ${prev.fence} over ${(T - lastWrite).toFixed(0)} ms ` +
          `after its last write (lease ${leaseMs})`,
      });
    }
    let due: { w: number; mode: CallMode; seen: number; from: number; bound: number } | undefined;
    let takerOrigin: number | undefined;
    for (const [w, mode] of modeOf) {
      const sawIt = (e: CallEnd) =>
        e.t <= T && e.outcome === 'busy' && ((e.callStart ?? -Infinity) >= lastWrite || (lastRvn !== undefined && e.rvn === lastRvn));
      const mine = ends.get(`${w}|${key}`) ?? [];
      const first = mine.find(sawIt);
      if (!first) continue;
      let from = first.t;
      if (mode === 'fresh') {
        const named = mine.find((e) => sawIt(e) && e.rvn === lastRvn && e.expiresAt !== undefined && e.wall !== undefined);
        if (!named) continue;
        // expiresAt + maxSkewMs on this caller's wall clock, moved onto the shared monotonic timeline.
        from = Math.max(from, named.expiresAt! + calls.maxSkewMs - (named.wall! - named.t));
      }
      if (w === next?.worker) takerOrigin = from;
      const bound = from + l4Bound(run.params, calls, mode);
      // Held to it only if it kept calling one call past its bound: a stopping worker logs `stop`
      // up to one call after its calls ended.
      if ((gone.get(w) ?? Infinity) <= bound + calls.intervalMs || index.paused(w, first.t, bound)) continue;
      if (!due || bound < due.bound) due = { w, mode, seen: first.t, from, bound };
    }
    if (takerMode && takerOrigin !== undefined) {
      const figures = out.byMode[takerMode] ?? { fromLastWriteMs: [], fromOriginMs: [] };
      out.byMode[takerMode] = figures;
      figures.fromLastWriteMs.push(T - lastWrite);
      figures.fromOriginMs.push(T - takerOrigin);
    }
    if (!due || T <= due.bound) continue;
    if (explained(run, index, due.w, due.seen, Math.min(T, due.bound))) {
      (out as { slowExplained: number }).slowExplained++;
      continue;
    }
    const taken = next ? `${next.owner} took it ${(T - due.from).toFixed(0)} ms after that` : 'nobody took it before the run ended';
    const dueBy = due.mode === 'fresh' ? 'expiresAt + maxSkewMs' : 'its first sighting + lease';
    out.violations.push({
      property: 'L4-late-takeover',
      key,
      t: Math.min(T, due.bound),
      message:
        `fence ${prev.fence} never released; ${due.mode} caller w${due.w} was due by ${dueBy}, ` +
        `but ${taken} (bound ${l4Bound(run.params, calls, due.mode)} ms)`,
    });
  }
  return out;
}

/** Short callers' modes, their failed calls per `worker|key` in time order, and when each was killed or stopped. */
function callerLogs(history: readonly HistoryEvent[]) {
  const modeOf = new Map<number, CallMode>();
  const ends = new Map<string, CallEnd[]>();
  const gone = new Map<number, number>();
  for (const e of history) {
    if (e.ev === 'start' && e.calls) modeOf.set(e.w, e.calls);
    else if (e.ev === 'acquire-end' && e.callStart !== undefined) {
      const list = ends.get(`${e.w}|${e.key}`);
      if (list) list.push(e);
      else ends.set(`${e.w}|${e.key}`, [e]);
      // Calls are aborted only when the worker is told to stop: it calls no more from here.
      if (e.outcome === 'aborted' && !gone.has(e.w)) gone.set(e.w, e.t);
    } else if (e.ev === 'kill' && !gone.has(e.target)) gone.set(e.target, e.t);
    else if (e.ev === 'stop' && !gone.has(e.w)) gone.set(e.w, e.t);
  }
  for (const list of ends.values()) list.sort((a, b) => a.t - b.t);
  return { modeOf, ends, gone };
}
