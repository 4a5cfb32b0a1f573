import { RunIndex } from './index-by.js';
import type { RunRecord, Violation } from './types.js';
import type { GrantWindow } from './windows.js';

export interface Losses {
  readonly violations: Violation[];
  readonly total: number;
  /** Losses explained by a pause of the holder or faults longer than L2's bound. */
  readonly explained: number;
}

const FAILURES = new Set(['drop', 'reset', 'hang', 'throttle', 'error5xx', 'late']);

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
    const from = e.t - (leaseMs - safetyMarginMs) - requestTimeoutMs;
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
