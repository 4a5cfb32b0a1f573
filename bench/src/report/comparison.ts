import type { BenchResults } from '../results.js';
import { formatCounts } from '../stats/request-counts.js';
import { fmt, type Summary } from '../stats/summary.js';

const medians = (m: Record<string, Summary> | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, v.median]));

/** The side-by-side table: one row per contender, the headline figure of each scenario. */
export function comparisonTable(r: BenchResults): string {
  const top = Math.max(...r.throughput.map((x) => x.concurrency));
  const lines = [
    `| library | requests per acquire+release | p50 latency (× floor) | pairs/s at concurrency ${top} (× floor) |` +
      ' handoff p50, tuned | takeover after SIGKILL |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of r.contenders) {
    const req = r.requests.find((x) => x.contender === c.id);
    const lat = r.latency.find((x) => x.contender === c.id);
    const tp = r.throughput.find((x) => x.contender === c.id && x.concurrency === top);
    const hand = r.handoff.find((x) => x.contender === c.id && x.setting === 'tuned');
    const take = r.takeover.filter((x) => x.mode === c.id || x.mode.startsWith(`${c.id}-`));
    const takeover = take.length
      ? take
          .map((t) => `${fmt(t.takeoverMs, 0)} ms${t.mode.endsWith('-fast') || t.mode.endsWith('-trust') ? ' (clock-trusting)' : ''}`)
          .join('; ')
      : c.id === 'dlc-failclosed' || c.id === 'floor'
        ? 'never (no lease)'
        : 'n/a';
    lines.push(
      `| ${c.label} | ${req ? formatCounts(medians(req.fresh)) : 'n/a'} |` +
        ` ${lat ? `${fmt(lat.p50Ms, 2)} ms (${fmt(lat.p50VsFloor, 2)}×)` : 'n/a'} |` +
        ` ${tp ? `${fmt(tp.opsPerSec, 0)} (${fmt(tp.vsFloor, 2)}×)` : 'n/a'} |` +
        ` ${hand ? `${fmt(hand.p50Ms, 0)} ms` : 'n/a'} | ${takeover} |`,
    );
  }
  return lines.join('\n');
}
