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
  const heard = new Set(run.history.filter((e) => e.ev === 'grant').map((e) => `${e.w}|${e.key}|${e.fence}`));
  for (const a of run.applied) {
    if (a.kind !== 'acquire' || heard.has(`${a.worker}|${a.pk}|${a.fence}`)) continue;
    (out as { orphans: number }).orphans++;
    if (a.delayed) continue; // a late or replayed copy: its sender had long moved on
    const end = run.history.find((e) => e.w === a.worker && e.t >= a.t && (e.ev === 'acquire-end' || e.ev === 'grant') && e.key === a.pk);
    if (end?.ev === 'acquire-end' && end.outcome === 'busy') {
      out.violations.push({ property: 'busy-for-own-lock', key: a.pk, t: a.t, message: `w${a.worker}'s acquire landed (fence ${a.fence}) but it reported busy` });
    }
  }
  return out;
}
