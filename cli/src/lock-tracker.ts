import type { LockInfo } from '@ddb-lock/runtime';
import { lockState } from './lock-view.js';

/**
 * One change `watch` saw between two polls. `seen` describes a lock present when the watch began.
 *
 * @example
 * ```ts
 * { time: '2026-12-02T01:00:00.000Z', event: 'takeover', key: 'job', owner: 'b#2', fence: 7, previousOwner: 'a#1', previousFence: 6 }
 * ```
 */
export interface WatchEvent {
  readonly time: string;
  readonly event: 'seen' | 'acquire' | 'renew' | 'release' | 'takeover';
  readonly key: string;
  readonly sortKey?: string;
  readonly owner: string;
  readonly fence: number;
  /** For `seen`: held, expired or released. */
  readonly state?: string;
  /** For `acquire` and `takeover` of a lock whose previous grant was still held when last seen. */
  readonly previousOwner?: string;
  readonly previousFence?: number;
  /** For `release`: the item was deleted rather than marked released. */
  readonly deleted?: boolean;
}

interface Known {
  readonly info: LockInfo;
  readonly since: number;
}

/**
 * Turns successive snapshots of lock items into acquire / renew / release / takeover events.
 * A new grant replacing one still held when last seen is a `takeover` when that grant's record
 * version had stayed unchanged for its full lease on our monotonic clock (the waiter's rule), or
 * its expiresAt had passed; otherwise an `acquire` (its release fell between two polls).
 *
 * @example
 * ```ts
 * const tracker = new LockTracker();
 * for (const e of tracker.update(await list(), performance.now(), Date.now())) console.log(JSON.stringify(e));
 * ```
 */
export class LockTracker {
  private readonly known = new Map<string, Known>();
  private started = false;

  /** Every lock as last seen. @example `renderLocks(tracker.locks.map((i) => lockView(i, Date.now())))` */
  get locks(): LockInfo[] {
    return [...this.known.values()].map((k) => k.info);
  }

  /**
   * Takes the next snapshot (every lock in scope) and returns what changed since the last one.
   *
   * @example
   * ```ts
   * const events = tracker.update(await snapshot(), performance.now(), Date.now());
   * ```
   */
  update(current: readonly LockInfo[], monotonicNow: number, wallNow: number): WatchEvent[] {
    const time = new Date(wallNow).toISOString();
    const events: WatchEvent[] = [];
    const emit = (event: WatchEvent['event'], info: LockInfo, extra: Partial<WatchEvent> = {}) =>
      events.push({
        time,
        event,
        key: info.key,
        ...(info.sortKey !== undefined && { sortKey: info.sortKey }),
        owner: info.owner,
        fence: info.fence,
        ...extra,
      });
    const seenIds = new Set<string>();
    for (const info of current) {
      const id = idOf(info);
      seenIds.add(id);
      const prev = this.known.get(id);
      const changed = !prev || prev.info.recordVersion !== info.recordVersion || prev.info.fence !== info.fence;
      this.known.set(id, { info, since: changed ? monotonicNow : prev.since });
      if (!prev) {
        if (!this.started) emit('seen', info, { state: lockState(info, wallNow) });
        else if (!info.released) emit('acquire', info);
        continue;
      }
      const before = prev.info;
      if (info.fence !== before.fence) {
        if (before.released) emit('acquire', info);
        else {
          const abandoned = monotonicNow - prev.since >= before.leaseMs || before.expiresAt < wallNow;
          emit(abandoned ? 'takeover' : 'acquire', info, { previousOwner: before.owner, previousFence: before.fence });
        }
        if (info.released) emit('release', info);
      } else if (!before.released && info.released) emit('release', info);
      else if (!info.released && info.recordVersion !== before.recordVersion) emit('renew', info);
    }
    for (const [id, prev] of this.known) {
      if (seenIds.has(id)) continue;
      this.known.delete(id);
      if (!prev.info.released) emit('release', prev.info, { deleted: true });
    }
    this.started = true;
    return events;
  }
}

function idOf(info: { key: string; sortKey?: string }): string {
  return JSON.stringify([info.key, info.sortKey ?? null]);
}
