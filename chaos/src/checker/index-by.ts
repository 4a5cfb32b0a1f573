import type { FaultClass } from '../faults.js';
import type { HistoryEvent } from '../history.js';
import type { RunRecord } from './types.js';

type Fault = RunRecord['faults'][number];

/** First index in `list` (sorted by `t`) whose `t` is ≥ `t`. */
export function firstAtOrAfter<T extends { t: number }>(list: readonly T[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Per-run indexes the checks share, so a long run (10⁵ grants, millions of events) is checked in
 * O(n log n) rather than one scan of the whole history per loss or slow handoff.
 */
export class RunIndex {
  private readonly faultsByWorker = new Map<number | undefined, Fault[]>();
  /** Storms and pauses: the nemesis events that excuse a slow handoff or a loss. */
  readonly storms: Array<Extract<HistoryEvent, { ev: 'storm' }>> = [];
  readonly pauses: Array<Extract<HistoryEvent, { ev: 'pause' }>> = [];

  constructor(run: RunRecord) {
    for (const f of run.faults) {
      const list = this.faultsByWorker.get(f.worker);
      if (list) list.push(f);
      else this.faultsByWorker.set(f.worker, [f]);
    }
    for (const list of this.faultsByWorker.values()) list.sort((a, b) => a.t - b.t);
    for (const e of run.history) {
      if (e.ev === 'storm') this.storms.push(e);
      if (e.ev === 'pause') this.pauses.push(e);
    }
  }

  /** Faults of the given classes on `worker`'s requests with from ≤ t ≤ to, in time order. */
  faults(worker: number | undefined, from: number, to: number, classes: ReadonlySet<FaultClass | string>): Fault[] {
    const list = this.faultsByWorker.get(worker) ?? [];
    const out: Fault[] = [];
    for (let i = firstAtOrAfter(list, from); i < list.length && list[i]!.t <= to; i++) {
      if (classes.has(list[i]!.fault)) out.push(list[i]!);
    }
    return out;
  }

  /** A storm that hit `worker` (all workers, or it was among the targets) at some time in [from, to]. */
  stormed(worker: number | undefined, from: number, to: number): boolean {
    return this.storms.some((s) => s.t <= to && s.t + s.ms >= from && (!s.targets || (worker !== undefined && s.targets.includes(worker))));
  }

  paused(worker: number | undefined, from: number, to: number): boolean {
    return this.pauses.some((p) => p.target === worker && p.t <= to && p.t + p.ms >= from);
  }
}
