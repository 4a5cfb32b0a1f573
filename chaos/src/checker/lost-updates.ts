import type { AppliedWrite } from '../dynamo-wire.js';
import { groupBy } from './group-by.js';
import type { Violation } from './types.js';
import type { GrantWindow } from './windows.js';

export interface LostUpdates {
  readonly violations: Violation[];
  /** Lost updates whose overwritten write landed after its holder's validity (pause, delay > margin): why fencing exists. */
  readonly outsideAssumptions: number;
  readonly writes: number;
}

/**
 * The unfenced read-modify-write, in the server's order: each write must be its predecessor's
 * value + 1. A write that is not read a value older than the previous write: an update was lost.
 * When both writes landed inside their holders' validity, two holders overlapped (S2 violation);
 * when either landed after (a pause, a delay past the margin, a late or replayed copy), the lease
 * could not protect it — only a fence can — and it is counted, not failed.
 */
export function checkLostUpdates(applied: readonly AppliedWrite[], windows: readonly GrantWindow[]): LostUpdates {
  const windowOf = new Map(windows.map((g) => [`w${g.w}:${g.fence}`, g]));
  const violations: Violation[] = [];
  let outsideAssumptions = 0;
  let writes = 0;
  for (const [pk, list] of groupBy(applied, (a) => (a.kind === 'rmw' ? a.pk : undefined))) {
    const sorted = [...list].sort((a, b) => a.seq! - b.seq!);
    writes += sorted.length;
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      const cur = sorted[i]!;
      // The same grant's write applied twice (an SDK retry after a lost response): not a lost update.
      if (cur.value! > prev.value! || cur.writer === prev.writer) continue;
      const late = [cur, prev].some((w) => {
        const g = windowOf.get(w.writer!);
        return w.delayed !== undefined || !g || w.t > g.end || g.paused;
      });
      if (late) outsideAssumptions++;
      else {
        violations.push({
          property: 'S2-lost-update',
          key: pk.replace(/^rmw-/, ''),
          t: cur.t,
          message:
            `${cur.writer} wrote ${cur.value} over ${prev.writer}'s ${prev.value} (seq ${prev.seq}→${cur.seq}); ` +
            `both landed inside their holders' validity`,
        });
      }
    }
  }
  return { violations, outsideAssumptions, writes };
}
