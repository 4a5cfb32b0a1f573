import type { LockInfo } from '../protocol/lock-info.js';
import { leaderOf, type ObservedLeader, termOf } from './leader.js';

/**
 * What an observer remembers between two polls: the last term it saw (its fence), whether that
 * term was still running, its data, and whether the item has been absent since (the fence then
 * restarts from a time base, so gaps can no longer be counted).
 *
 * @example
 * ```ts
 * let cursor: TermCursor | undefined;
 * ```
 */
export interface TermCursor {
  readonly fence: number | undefined;
  readonly leading: boolean;
  readonly data: string | Uint8Array | undefined;
  readonly absentSince: boolean;
}

/**
 * From what the previous poll left and what this one read, the values `observe` yields, in
 * order. A new fence is a new term: yielded even when it already ended (a term that began and
 * ended between two polls still shows up, followed by `undefined`), with the terms whose fences
 * lie between counted as missed. Same fence: a resignation yields `undefined`, new data
 * (a proclamation) yields the leader again; heartbeats (a new record version only) yield nothing.
 *
 * @example
 * ```ts
 * const { cursor: next, changes } = termChanges(cursor, await read());
 * for (const change of changes) yield change;
 * ```
 */
export function termChanges(
  cursor: TermCursor | undefined,
  info: LockInfo | undefined,
): { cursor: TermCursor; changes: Array<ObservedLeader | undefined> } {
  const next: TermCursor = {
    fence: info?.fence ?? cursor?.fence,
    leading: info !== undefined && !info.released,
    data: info?.data,
    absentSince: info === undefined,
  };
  if (!cursor) {
    const first = leaderOf(info);
    return { cursor: next, changes: [first && { ...first, missedTerms: 0 }] };
  }
  if (!info) return { cursor: next, changes: cursor.leading ? [undefined] : [] };
  const changes: Array<ObservedLeader | undefined> = [];
  if (!cursor.absentSince && cursor.fence === info.fence) {
    if (info.released) {
      if (cursor.leading) changes.push(undefined);
    } else if (!sameData(cursor.data, info.data)) {
      changes.push({ ...termOf(info), missedTerms: 0 });
    }
    return { cursor: next, changes };
  }
  const countable = !cursor.absentSince && cursor.fence !== undefined && info.fence > cursor.fence;
  changes.push({ ...termOf(info), missedTerms: countable ? info.fence - cursor.fence! - 1 : undefined });
  if (info.released) changes.push(undefined);
  return { cursor: next, changes };
}

function sameData(a: string | Uint8Array | undefined, b: string | Uint8Array | undefined): boolean {
  if (typeof a === 'string' || typeof b === 'string' || a === undefined || b === undefined) return a === b;
  return Buffer.compare(a, b) === 0;
}
