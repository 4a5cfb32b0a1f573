import type { CallMode } from './checker/index.js';
import { l4Bound } from './checker/short-callers.js';
import { percentile } from './percentile.js';
import type { ScenarioRun } from './scenario.js';

/** One row per caller mode that took a lock over: how many, and how long after it was due and after the holder's last write. */
export interface L4Row {
  readonly mode: CallMode;
  readonly n: number;
  /** p50 / p99 / max ms from the taker's origin (first sighting, or expiresAt + maxSkewMs), and its bound. */
  readonly fromOrigin: readonly [number, number, number];
  readonly bound: number;
  /** p50 / p99 / max ms from the dead holder's last write. */
  readonly fromLastWrite: readonly [number, number, number];
}

/**
 * The L4 figures of a short-callers run, for the CI log and the long run's report.
 *
 * @example
 * ```ts
 * for (const row of l4Rows(run)) console.log(row.mode, row.fromOrigin, row.bound);
 * ```
 */
export function l4Rows(run: ScenarioRun): L4Row[] {
  const calls = run.scenario.timing.shortCalls;
  if (!calls) return [];
  const q = (xs: number[]) => [percentile(xs, 50)!, percentile(xs, 99)!, Math.max(...xs)] as const;
  return calls.modes.flatMap((mode) => {
    const f = run.result.stats.shortCallerTakeovers[mode];
    if (!f || f.fromOriginMs.length === 0) return [];
    return [
      {
        mode,
        n: f.fromOriginMs.length,
        fromOrigin: q(f.fromOriginMs),
        bound: l4Bound(run.scenario.timing, calls, mode),
        fromLastWrite: q(f.fromLastWriteMs),
      },
    ];
  });
}

/** `try: n=3, 1180/1203/1203 ms after due (bound 1650), 1296/1312/1312 ms after the last write; …` */
export function formatL4(run: ScenarioRun): string {
  const r = (xs: readonly number[]) => xs.map((x) => x.toFixed(0)).join('/');
  return l4Rows(run)
    .map(
      (x) =>
        `${x.mode}: n=${x.n}, p50/p99/max ${r(x.fromOrigin)} ms after its origin (bound ${x.bound}), ` +
        `${r(x.fromLastWrite)} ms after the holder's last write`,
    )
    .join('; ');
}
