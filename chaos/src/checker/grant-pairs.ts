import type { AppliedWrite } from '../dynamo-wire.js';
import { groupBy } from './group-by.js';

/** Two consecutive grants of one key, as the server applied them, and how the first one ended. */
export interface GrantPair {
  readonly key: string;
  readonly prev: AppliedWrite;
  /** The grant that followed; absent for a key's last grant (with `open`). */
  readonly next: AppliedWrite;
  /** The old grant's release, if one was applied before the new grant. */
  readonly release: AppliedWrite | undefined;
  /**
   * When the old grant's last record version (acquire or heartbeat) was first applied: a late or
   * replayed copy writes its original's version, and the holder times its validity from when it
   * sent that version, so a version counts from its first application.
   */
  readonly lastWrite: number;
  /** That record version. */
  readonly lastRvn: string | undefined;
}

/** A key's last grant, which no later grant followed: `next` is absent. */
export type LastGrant = Omit<GrantPair, 'next'> & { readonly next?: undefined };

/**
 * Every handoff of every key in the server's order: the timing origins L1, L3 and L4 share.
 * With `open`, each key's last grant too (L4: a dead holder's lock never taken over at all).
 *
 * @example
 * ```ts
 * for (const { key, next, lastWrite } of grantPairs(run.applied)) console.log(key, next.t - lastWrite);
 * ```
 */
export function grantPairs(applied: readonly AppliedWrite[]): GrantPair[];
export function grantPairs(applied: readonly AppliedWrite[], open: true): Array<GrantPair | LastGrant>;
export function grantPairs(applied: readonly AppliedWrite[], open = false): Array<GrantPair | LastGrant> {
  const out: Array<GrantPair | LastGrant> = [];
  const lockWrites = groupBy(applied, (a) => (a.kind === 'acquire' || a.kind === 'heartbeat' || a.kind === 'release' ? a.pk : undefined));
  for (const [key, writes] of lockWrites) {
    const grants = writes.filter((w) => w.kind === 'acquire');
    const byFence = groupBy(writes, (w) => String(w.fence));
    const firstApplied = new Map<string, number>();
    for (const w of writes) if (w.rvn !== undefined && !firstApplied.has(w.rvn)) firstApplied.set(w.rvn, w.t);
    // Before `next` in the server's order (the array's: see inServerOrder), not by arrival time:
    // the answers of a release and of the acquire the server applied right after it can reach the
    // proxy in either order. Such a write's time is then at most `next`'s.
    const position = new Map(writes.map((w, i) => [w, i]));
    for (let i = open ? 0 : 1; i < grants.length; i++) {
      const [prev, next] = open ? [grants[i]!, grants[i + 1]] : [grants[i - 1]!, grants[i]!];
      const before = (t: number) => (next === undefined ? t : Math.min(t, next.t));
      const ofPrev = (byFence.get(String(prev.fence)) ?? []).filter((w) => next === undefined || position.get(w)! < position.get(next)!);
      const released = ofPrev.find((w) => w.kind === 'release');
      const release = released && { ...released, t: before(released.t) };
      let lastWrite = Number.NEGATIVE_INFINITY;
      let lastRvn: string | undefined;
      for (const w of ofPrev) {
        if (w.kind === 'release') continue;
        const at = before(w.rvn !== undefined ? firstApplied.get(w.rvn)! : w.t);
        if (at >= lastWrite) {
          lastWrite = at;
          lastRvn = w.rvn;
        }
      }
      out.push({ key, prev, ...(next && { next }), release, lastWrite, lastRvn } as GrantPair | LastGrant);
    }
  }
  return out;
}
