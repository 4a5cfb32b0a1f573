import type { HistoryEvent } from '../history.js';
import { groupBy } from './group-by.js';
import type { Violation } from './types.js';

/** One grant as its holder saw it: from the response that granted it to the end of validity. */
export interface GrantWindow {
  readonly w: number;
  readonly key: string;
  readonly fence: number;
  readonly start: number;
  /** min(last validity end, release start, loss, kill): after this the holder may not act. */
  end: number;
  /**
   * The validity end of the last confirmed write (grant or renew), never cut: the runtime counts
   * validity from a write's send (for an acquire recognised after a lost response, from the first
   * send of its attempt chain), so that validity began at this minus (lease − margin). The L2
   * check reads faults from there.
   */
  validUntil: number;
  paused: boolean;
}

/** The holders' locally computed validity windows, per (worker, key, fence). */
export function grantWindows(history: readonly HistoryEvent[]): GrantWindow[] {
  const open = new Map<string, GrantWindow>();
  const all: GrantWindow[] = [];
  const id = (w: number, key: string, fence: number) => `${w}|${key}|${fence}`;
  for (const e of history) {
    if (e.ev === 'grant') {
      const g: GrantWindow = { w: e.w, key: e.key, fence: e.fence, start: e.t, end: e.validUntil, validUntil: e.validUntil, paused: false };
      open.set(id(e.w, e.key, e.fence), g);
      all.push(g);
    } else if (e.ev === 'renew') {
      const g = open.get(id(e.w, e.key, e.fence));
      if (g) {
        g.end = Math.max(g.end, e.validUntil);
        // The last renewal's, not the max: a shorter lease shrinks validity (Lock.renew does the same).
        g.validUntil = e.validUntil;
      }
    } else if (e.ev === 'release-start' || e.ev === 'lost') {
      const g = open.get(id(e.w, e.key, e.fence));
      if (g) {
        g.end = Math.min(g.end, e.t);
        open.delete(id(e.w, e.key, e.fence));
      }
    } else if (e.ev === 'kill' || e.ev === 'pause') {
      for (const [k, g] of open) {
        if (g.w !== e.target) continue;
        if (e.ev === 'kill') {
          g.end = Math.min(g.end, e.t);
          open.delete(k);
        } else g.paused = true;
      }
    }
  }
  return all;
}

/** S2: no two holders' validity windows on one key overlap; no fence is granted twice. */
export function checkOverlaps(windows: readonly GrantWindow[]): Violation[] {
  const out: Violation[] = [];
  for (const [key, list] of groupBy(windows, (g) => g.key)) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    const fences = new Set<number>();
    let reach: GrantWindow | undefined;
    for (const g of sorted) {
      if (fences.has(g.fence)) out.push({ property: 'S1-fence-regression', key, t: g.start, message: `fence ${g.fence} granted twice` });
      fences.add(g.fence);
      if (reach && g.start < reach.end) {
        out.push({
          property: 'S2-overlap',
          key,
          t: g.start,
          message:
            `w${g.w} (fence ${g.fence}) valid from ${g.start.toFixed(1)} ` +
            `while w${reach.w} (fence ${reach.fence}) valid until ${reach.end.toFixed(1)}: ${(reach.end - g.start).toFixed(1)} ms overlap`,
        });
      }
      if (!reach || g.end > reach.end) reach = g;
    }
  }
  return out;
}

/**
 * SN: at no instant do more than `permits` holders of one semaphore believe a permit valid —
 * counted over every key's windows at once (the run's keys are the semaphore's permits).
 */
export function checkSemaphoreBound(windows: readonly GrantWindow[], permits: number): Violation[] {
  const edges = windows
    .filter((g) => g.end > g.start)
    .flatMap((g): [number, number, GrantWindow][] => [
      [g.start, 1, g],
      [g.end, -1, g],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Violation[] = [];
  let open = 0;
  for (const [t, d, g] of edges) {
    open += d;
    if (d > 0 && open > permits) {
      out.push({ property: 'SN-more-than-N', key: g.key, t, message: `${open} holders believed a permit valid (N = ${permits})` });
    }
  }
  return out;
}
