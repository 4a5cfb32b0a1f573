import type { LockInfo } from '@ddb-lock/runtime';

/**
 * When each kind of caller would take a lock over if its holder stopped renewing now — read from
 * the item alone, so `inspect` answers at once. Callers differ, and the answer must be true for
 * both: skew-free ones (the client's default) go by their own watch, wall-clock ones
 * (`trustWallClock`, the Lambda integrations' default) by the holder's `expiresAt` plus their
 * skew bound.
 *
 * @example
 * ```ts
 * const outlook = takeoverOutlook(info, Date.now(), 1_000);
 * if (outlook.wallClock.inMs <= 0) console.log('wall-clock callers take it over now');
 * ```
 */
export interface TakeoverOutlook {
  /** Wall-clock callers: from `expiresAt + maxSkewMs` (`at`, ISO), which is `inMs` from now (≤ 0: already). */
  readonly wallClock: { readonly maxSkewMs: number; readonly at: string; readonly inMs: number };
  /**
   * Skew-free callers: once one process has watched this record version unchanged for
   * `watchMs` (the holder's lease). A caller that waits that long in one process takes it over;
   * one that waits less, in a new process each time, never does.
   */
  readonly skewFree: { readonly watchMs: number; readonly recordVersion: string };
}

/**
 * The outlook of an unreleased lock at `wallNow`, for wall-clock callers with `maxSkewMs`.
 *
 * @example
 * ```ts
 * takeoverOutlook(info, Date.now(), 1_000).skewFree.watchMs; // the holder's lease
 * ```
 */
export function takeoverOutlook(info: LockInfo, wallNow: number, maxSkewMs: number): TakeoverOutlook {
  const at = info.expiresAt + maxSkewMs;
  return {
    wallClock: { maxSkewMs, at: new Date(at).toISOString(), inMs: at - wallNow },
    skewFree: { watchMs: info.leaseMs, recordVersion: info.recordVersion },
  };
}

/**
 * The outlook in rows for people: what each kind of caller does, and how to free the lock now.
 *
 * @example
 * ```ts
 * rows.push(...describeOutlook(outlook, info, formatDuration));
 * ```
 */
export function describeOutlook(outlook: TakeoverOutlook, info: LockInfo, format: (ms: number) => string): [string, string][] {
  const { wallClock, skewFree } = outlook;
  const skew = `expiresAt + ${format(wallClock.maxSkewMs)} skew bound`;
  const wall =
    wallClock.inMs <= 0
      ? `take it over now (${skew} passed ${format(-wallClock.inMs)} ago)`
      : `take it over in ${format(wallClock.inMs)}, at ${wallClock.at} (${skew}), unless the holder renews`;
  const sortKey = info.sortKey !== undefined ? ` --sort-key ${shellWord(info.sortKey)}` : '';
  const free = `ddb-lock release ${shellWord(info.key)}${sortKey} --fence ${info.fence}`;
  return [
    ['wall-clock callers', wall],
    [
      'skew-free callers',
      `take it over only once one process has watched this record version unchanged for ${format(skewFree.watchMs)} (one` +
        ' lease): a waiting acquire does; callers that each wait less, in a new process per run, never do',
    ],
    ['to free it now', `${free}   (the holder, if alive, learns at its next heartbeat)`],
  ];
}

/** A key as one shell word: as is when it is plain, single-quoted otherwise (keys may hold anything). */
function shellWord(text: string): string {
  return /^[\w@%+=:,./#-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
