import { takeoverBound } from './checker/handoffs.js';
import type { Property } from './checker/index.js';
import { l4Rows } from './l4-figures.js';
import { percentile } from './percentile.js';
import type { ScenarioRun } from './scenario.js';

const ms = (v: number | undefined) => (v === undefined ? 'n/a' : `${Math.round(v)} ms`);
/** `12 ms / 40 ms / 41 ms` for the given percentiles of `xs`. */
const quantiles = (xs: readonly number[], ps: readonly number[]) => ps.map((p) => ms(percentile(xs, p))).join(' / ');

/** The long run's report (Markdown): the figures issue 6 asks for, and how they were produced. */
export function formatReport(run: ScenarioRun, command: string): string {
  const { result, faultCounts, scenario: s } = run;
  const st = result.stats;
  const byProperty: Partial<Record<Property, number>> = {};
  for (const v of result.violations) byProperty[v.property] = (byProperty[v.property] ?? 0) + 1;
  const nemesis: Record<string, number> = {};
  for (const e of run.record.history) {
    if (e.w !== -1 || e.ev === 'spawn') continue;
    const name = e.ev === 'storm' ? `storm ${e.fault} ${e.targets ? `on ${e.targets.length} worker(s)` : 'on all workers'}` : e.ev;
    nemesis[name] = (nemesis[name] ?? 0) + 1;
  }
  const spurious = byProperty['L2-spurious-loss'] ?? 0;
  const perGrant = faultCounts.requests! / Math.max(1, st.grants);
  const byOp = Object.entries(run.opCounts)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return [
    `# Chaos run: ${s.name}`,
    '',
    `Command: \`${command}\` (seed ${s.seed}, ${s.workers} workers, ${s.keys} keys, lease ${s.timing.leaseMs} ms, ` +
      `heartbeat ${s.timing.heartbeatMs} ms, poll ${s.timing.pollMs} ms, margin ${s.timing.safetyMarginMs} ms, ` +
      `request deadline ${s.timing.requestTimeoutMs} ms, wall skew ±${s.skewMs ?? 0} ms).`,
    `Elapsed: ${(run.elapsedMs / 1000).toFixed(0)} s on this 2-core machine ` +
      `(${(st.grants / (run.elapsedMs / 1000)).toFixed(1)} grants/s overall).`,
    '',
    '| figure | value |',
    '|---|---|',
    `| grants (heard by their holder) | ${st.grants} |`,
    `| grants applied by the server | ${st.grantsApplied} (orphans nobody heard of: ${st.orphanGrants}) |`,
    `| grants that waited for another holder (contended) | ${contendedGrants(run.record.history)} |`,
    `| requests through the proxy | ${faultCounts.requests} (${perGrant.toFixed(1)} per grant: ${byOp}) |`,
    ...Object.entries(faultCounts)
      .filter(([k]) => k !== 'requests')
      .map(([k, v]) => `| fault: ${k} | ${v} |`),
    ...Object.entries(nemesis).map(([k, v]) => `| nemesis: ${k} | ${v} |`),
    `| **violations** | **${result.violations.length}** ${JSON.stringify(byProperty)} |`,
    `| **stale fenced writes accepted** | **${st.staleFencedAccepted}** ` +
      `(of ${st.fencedAccepted} accepted; ${st.staleFencedRefused} refused by the table) |`,
    `| takeover after crash/pause/loss: p50 / p99 / max (n) | ${quantiles(st.takeoverMs, [50, 99, 100])} (${st.takeoverMs.length}); ` +
      `bound ${takeoverBound(s.timing)} ms |`,
    ...l4Rows(run).map(
      (x) =>
        `| L4 takeover by ${x.mode} callers: p50 / p99 / max after the caller's origin (n); after the holder's last write ` +
        `| ${x.fromOrigin.map(ms).join(' / ')} (${x.n}); bound ${x.bound} ms; ${x.fromLastWrite.map(ms).join(' / ')} |`,
    ),
    `| handoff after release: p50 / p99 (n) | ${quantiles(st.releaseHandoffMs, [50, 99])} (${st.releaseHandoffMs.length}) |`,
    `| slow handoffs explained by faults on the new holder | ${st.slowHandoffsExplained} |`,
    `| locks lost | ${st.losses} (explained by pause or faults ≥ L2 bound: ${st.lossesExplained}; spurious: ${spurious}) |`,
    `| unfenced lost updates outside the timing assumption (pause / delay past the margin) ` +
      `| ${st.lostUpdatesOutsideAssumptions} of ${st.rmwWrites} writes |`,
    '',
    'Violations within assumptions must be 0; stale fenced writes accepted must be 0 always. Lost',
    'updates on the *unfenced* item under pauses and late deliveries are expected: that is what the fence is for.',
    '',
  ].join('\n');
}

/**
 * Grants whose acquire started while another worker held the key (by the workers' own logs): it
 * had to wait for a release, a loss or a takeover. A dead holder's key stays held until taken over.
 */
export function contendedGrants(history: ScenarioRun['record']['history']): number {
  const waitingSince = new Map<string, number>();
  const holder = new Map<string, { w: number; fence: number; until: number }>();
  let contended = 0;
  for (const e of history) {
    if (e.ev === 'acquire-start') waitingSince.set(`${e.w}|${e.key}`, e.t);
    else if (e.ev === 'grant') {
      const since = waitingSince.get(`${e.w}|${e.key}`) ?? e.t;
      const prev = holder.get(e.key);
      if (prev && prev.w !== e.w && prev.until > since) contended++;
      holder.set(e.key, { w: e.w, fence: e.fence, until: Infinity });
    } else if (e.ev === 'release-start' || e.ev === 'lost') {
      const h = holder.get(e.key);
      if (h && h.w === e.w && h.fence === e.fence) h.until = Math.min(h.until, e.t);
    }
  }
  return contended;
}
