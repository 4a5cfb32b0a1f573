import type { Property } from './checker/index.js';
import { takeoverBound } from './checker/handoffs.js';
import { percentile } from './percentile.js';
import type { ScenarioRun } from './scenario.js';

const ms = (v: number | undefined) => (v === undefined ? 'n/a' : `${Math.round(v)} ms`);

/** The long run's report (Markdown): the figures issue 6 asks for, and how they were produced. */
export function formatReport(run: ScenarioRun, command: string): string {
  const { result, faultCounts, scenario: s } = run;
  const st = result.stats;
  const byProperty: Partial<Record<Property, number>> = {};
  for (const v of result.violations) byProperty[v.property] = (byProperty[v.property] ?? 0) + 1;
  const nemesis: Record<string, number> = {};
  for (const e of run.record.history) if (e.w === -1 && e.ev !== 'spawn') nemesis[e.ev] = (nemesis[e.ev] ?? 0) + 1;
  const spurious = byProperty['L2-spurious-loss'] ?? 0;
  return [
    `# Chaos run: ${s.name}`,
    '',
    `Command: \`${command}\` (seed ${s.seed}, ${s.workers} workers, ${s.keys} keys, lease ${s.timing.leaseMs} ms, heartbeat ${s.timing.heartbeatMs} ms, poll ${s.timing.pollMs} ms, margin ${s.timing.safetyMarginMs} ms, request deadline ${s.timing.requestTimeoutMs} ms, wall skew ±${s.skewMs ?? 0} ms).`,
    `Elapsed: ${(run.elapsedMs / 1000).toFixed(0)} s on this 2-core machine.`,
    '',
    '| figure | value |',
    '|---|---|',
    `| grants (heard by their holder) | ${st.grants} |`,
    `| grants applied by the server | ${st.grantsApplied} (orphans nobody heard of: ${st.orphanGrants}) |`,
    `| requests through the proxy | ${faultCounts.requests} |`,
    ...Object.entries(faultCounts).filter(([k]) => k !== 'requests').map(([k, v]) => `| fault: ${k} | ${v} |`),
    ...Object.entries(nemesis).map(([k, v]) => `| nemesis: ${k} | ${v} |`),
    `| **violations** | **${result.violations.length}** ${JSON.stringify(byProperty)} |`,
    `| **stale fenced writes accepted** | **${st.staleFencedAccepted}** (of ${st.fencedAccepted} accepted; ${st.staleFencedRefused} refused by the table) |`,
    `| takeover after crash/pause/loss: p50 / p99 / max (n) | ${ms(percentile(st.takeoverMs, 50))} / ${ms(percentile(st.takeoverMs, 99))} / ${ms(percentile(st.takeoverMs, 100))} (${st.takeoverMs.length}); bound ${takeoverBound(s.timing)} ms |`,
    `| handoff after release: p50 / p99 (n) | ${ms(percentile(st.releaseHandoffMs, 50))} / ${ms(percentile(st.releaseHandoffMs, 99))} (${st.releaseHandoffMs.length}) |`,
    `| slow handoffs explained by faults on the new holder | ${st.slowHandoffsExplained} |`,
    `| locks lost | ${st.losses} (explained by pause or faults ≥ L2 bound: ${st.lossesExplained}; spurious: ${spurious}) |`,
    `| unfenced lost updates outside the timing assumption (pause / delay past the margin) | ${st.lostUpdatesOutsideAssumptions} of ${st.rmwWrites} writes |`,
    '',
    'Violations within assumptions must be 0; stale fenced writes accepted must be 0 always. Lost',
    'updates on the *unfenced* item under pauses and late deliveries are expected: that is what the fence is for.',
    '',
  ].join('\n');
}
