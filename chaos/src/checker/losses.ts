import { RunIndex } from './index-by.js';
import type { CheckParams, RunRecord, Violation } from './types.js';
import type { GrantWindow } from './windows.js';

export interface Losses {
  readonly violations: Violation[];
  readonly total: number;
  /** Losses explained by a pause of the holder or faults longer than L2's bound. */
  readonly explained: number;
}

const FAILURES = new Set(['drop', 'reset', 'hang', 'throttle', 'error5xx', 'late']);

/**
 * Where the faults that may excuse a loss at `lostAt` begin: one request deadline before the
 * validity that ended began. That validity began at the send of the last confirmed write — for an
 * acquire recognised as our own after a lost response, at the first send of its attempt chain,
 * which can lie well before the grant was seen — so it is read from the window's last
 * `validUntil` (minus lease − margin). The loss may also be declared after validity ran out (a
 * late timer), so the older bound, counted back from the loss, is kept when it reaches earlier.
 *
 * @example
 * ```ts
 * const from = lossWindowStart(e.t, windowOf.get(id), run.params);
 * const hits = index.faults(e.w, from, e.t, FAILURES);
 * ```
 */
export function lossWindowStart(lostAt: number, g: Pick<GrantWindow, 'validUntil'> | undefined, params: CheckParams): number {
  const { leaseMs, safetyMarginMs, requestTimeoutMs } = params;
  const fromLoss = lostAt - (leaseMs - safetyMarginMs) - requestTimeoutMs;
  if (!g) return fromLoss;
  return Math.min(fromLoss, g.validUntil - (leaseMs - safetyMarginMs) - requestTimeoutMs);
}

/**
 * L2: a healthy holder never loses its lock to transient faults shorter than
 * lease − heartbeat − margin. A loss is excused when its holder was paused, or when faults on
 * its requests during its last validity spanned at least that long (a hung request counts for
 * its whole deadline); any other loss is spurious.
 */
export function checkLosses(run: RunRecord, windows: readonly GrantWindow[], index = new RunIndex(run)): Losses {
  const { leaseMs, heartbeatMs, safetyMarginMs, requestTimeoutMs } = run.params;
  const tolerable = leaseMs - heartbeatMs - safetyMarginMs;
  const out: Losses = { violations: [], total: 0, explained: 0 };
  const releasing = new Set<string>();
  const windowOf = new Map(windows.map((g) => [`${g.w}|${g.key}|${g.fence}`, g]));
  const releasesApplied = new Set(run.applied.filter((a) => a.kind === 'release').map((a) => `${a.worker}|${a.pk}|${a.fence}`));
  for (const e of run.history) {
    if (e.ev === 'release-start') releasing.add(`${e.w}|${e.key}|${e.fence}`);
    if (e.ev !== 'lost') continue;
    if (releasing.has(`${e.w}|${e.key}|${e.fence}`)) {
      // Lost while releasing: if our own release was applied, the lock was never lost at all.
      const ownRelease = releasesApplied.has(`${e.w}|${e.key}|${e.fence}`);
      if (ownRelease) {
        out.violations.push({
          property: 'release-misreported',
          key: e.key,
          t: e.t,
          message: `w${e.w}'s release of fence ${e.fence} was applied, but release() reported the lock lost (${e.reason})`,
        });
      }
      continue;
    }
    (out as { total: number }).total++;
    const g = windowOf.get(`${e.w}|${e.key}|${e.fence}`);
    const from = lossWindowStart(e.t, g, run.params);
    const hits = index.faults(e.w, from, e.t, FAILURES);
    const span =
      hits.length === 0
        ? 0
        : Math.max(...hits.map((f) => f.t + (f.fault === 'hang' || f.fault === 'late' ? requestTimeoutMs : 0))) - hits[0]!.t;
    // A storm excuses the losses of the workers it hit (a targeted storm: only those).
    const stormed = index.stormed(e.w, from, e.t);
    if (g?.paused || span >= tolerable || stormed) {
      (out as { explained: number }).explained++;
      continue;
    }
    out.violations.push({
      property: 'L2-spurious-loss',
      key: e.key,
      t: e.t,
      message:
        `w${e.w} lost fence ${e.fence} (${e.reason}) with ${hits.length} faults spanning ${span.toFixed(0)} ms ` +
        `in its last validity (L2 tolerates < ${tolerable} ms)`,
    });
  }
  return out;
}
