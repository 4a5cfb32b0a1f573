import type { HistoryEvent } from '../history.js';
import { firstAtOrAfter } from './index-by.js';
import type { RunRecord, Violation } from './types.js';

export interface OwnAcquires {
  readonly violations: Violation[];
  /** Grants the server applied that no worker heard of (lost response not resolved in time). */
  readonly orphans: number;
}

/**
 * Scenario 5: a client whose acquire landed but whose response was lost recognises its own
 * grant; it may report the outcome as unavailable/ambiguous, but never as "busy". Orphans
 * (grants nobody adopted) must be taken over within the takeover bound: checked as handoffs.
 */
export function checkOwnAcquires(run: RunRecord): OwnAcquires {
  const out: OwnAcquires = { violations: [], orphans: 0 };
  // Each worker's acquire outcomes in time order, to find the one that followed an applied acquire.
  const ends = new Map<number, Array<Extract<HistoryEvent, { ev: 'acquire-end' | 'grant' }>>>();
  for (const e of run.history) {
    if (e.ev !== 'acquire-end' && e.ev !== 'grant') continue;
    const list = ends.get(e.w);
    if (list) list.push(e);
    else ends.set(e.w, [e]);
  }
  for (const list of ends.values()) list.sort((x, y) => x.t - y.t);
  const heard = new Set(run.history.filter((e) => e.ev === 'grant').map((e) => `${e.w}|${e.key}|${e.fence}`));
  for (const a of run.applied) {
    if (a.kind !== 'acquire' || heard.has(`${a.worker}|${a.pk}|${a.fence}`)) continue;
    (out as { orphans: number }).orphans++;
    if (a.delayed) continue; // a late or replayed copy: its sender had long moved on
    const mine = (a.worker === undefined ? undefined : ends.get(a.worker)) ?? [];
    let end: (typeof mine)[number] | undefined;
    for (let i = firstAtOrAfter(mine, a.t); i < mine.length && !end; i++) if (mine[i]!.key === a.pk) end = mine[i];
    if (end?.ev === 'acquire-end' && end.outcome === 'busy') {
      out.violations.push({
        property: 'busy-for-own-lock',
        key: a.pk,
        t: a.t,
        message: `w${a.worker}'s acquire landed (fence ${a.fence}) but it reported busy`,
      });
    }
  }
  return out;
}
