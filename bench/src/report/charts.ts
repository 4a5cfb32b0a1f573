import type { BenchResults } from '../results.js';
import type { HandoffResult } from '../scenarios/handoff.js';
import type { Summary } from '../stats/summary.js';
import { labelOf } from './labels.js';
import { type Bar, barChart } from './svg-chart.js';

const bar = (series: string, s: Summary | undefined): Bar => ({
  series,
  value: s?.median ?? Number.NaN,
  min: s?.min ?? Number.NaN,
  max: s?.max ?? Number.NaN,
});

/** One SVG per scenario that has something to compare, keyed by file name. */
export function charts(r: BenchResults): Record<string, string> {
  const ops = [...new Set(r.requests.flatMap((x) => Object.keys(x.fresh)))].sort();
  const files: Record<string, string> = {
    'requests.svg': barChart({
      title: '1. Requests per uncontended acquire+release (fresh key), by operation',
      unit: 'requests',
      stacked: true,
      series: ops,
      groups: r.requests.map((x) => ({
        label: labelOf(r, x.contender),
        bars: ops.map((op) => ({ series: op, value: x.fresh[op]?.median ?? 0 })),
      })),
    }),
    'latency.svg': barChart({
      title: '2. Uncontended acquire+release latency, one client (median of runs, min–max whiskers)',
      unit: 'ms',
      series: ['p50', 'p99'],
      groups: r.latency.map((x) => ({
        label: x.contender === 'ddb-lock-raw' ? "ddb-lock's requests sent raw" : labelOf(r, x.contender),
        bars: [bar('p50', x.p50Ms), bar('p99', x.p99Ms)],
      })),
    }),
    'throughput.svg': barChart({
      title: '3. Distinct-key throughput, acquire+release pairs per second',
      unit: 'pairs/s',
      series: [...new Set(r.throughput.map((x) => `concurrency ${x.concurrency}`))],
      groups: r.contenders.map((c) => ({
        label: c.label,
        bars: r.throughput.filter((x) => x.contender === c.id).map((x) => bar(`concurrency ${x.concurrency}`, x.opsPerSec)),
      })),
    }),
    'handoff.svg': handoffChart(r, 'release → next acquire, p50', 'ms (whiskers: min–max over runs)', (x) => x.p50Ms, {
      value: 50,
      label: 'target 50 ms',
    }),
    'handoff-cost.svg': handoffChart(r, 'waiter requests per second per waiter', 'requests/s per waiter', (x) => x.waiterRequestsPerSec, {
      value: 5,
      label: 'target 5/s',
    }),
  };
  if (r.takeover.length > 0) {
    const lease = r.takeover[0]!.leaseMs;
    files['takeover.svg'] = barChart({
      title: `5. Takeover after SIGKILL of the holder (lease ${lease} ms): kill → next holder`,
      unit: 'ms',
      series: ['takeover'],
      refLines: [{ value: lease, label: 'lease' }],
      groups: r.takeover.map((x) => ({ label: x.label, bars: [bar('takeover', x.takeoverMs)] })),
    });
  }
  const short = r.shortTakeover ?? [];
  if (short.length > 0) {
    const labels = [...new Set(short.map((x) => x.label))];
    const series = {
      polling: 'callers from the kill on',
      dead: `holder dead ${(short.find((x) => x.situation === 'dead')?.deadForMs ?? 0) / 1000} s before`,
    };
    files['short-takeover.svg'] = barChart({
      title: `5b. Callers trying once every lease/5 (lease ${short[0]!.leaseMs} ms): first caller → lock recovered`,
      unit: 'ms',
      series: Object.values(series),
      refLines: [{ value: short[0]!.leaseMs, label: 'lease' }],
      groups: labels.map((label) => ({
        label,
        bars: short
          .filter((x) => x.label === label)
          .map((x) => ({
            ...bar(series[x.situation], x.fromFirstCallMs),
            ...(x.never === x.rounds && { value: Number.NaN, missing: `never (in ${x.capMs / 1000} s)` }),
          })),
      })),
    });
  }
  files['footprint.svg'] = barChart({
    title: '6. Lambda bundle (esbuild, minified, SDK external)',
    unit: 'KB',
    series: ['bundle', 'gzip'],
    refLines: [{ value: 15, label: '15 KB over bare' }],
    groups: r.footprint.map((x) => ({
      label: x.label,
      bars: [
        { series: 'bundle', value: x.size.bytes / 1024 },
        { series: 'gzip', value: x.size.gzipBytes / 1024 },
      ],
    })),
  });
  files['scaling.svg'] = barChart({
    title: '7. One ddb-lock client holding N locks: event-loop delay while heartbeating',
    unit: 'ms',
    series: ['loop delay p50', 'loop delay p99', 'acquire+release p50'],
    groups: r.scaling.map((x) => ({
      label: `${x.held} held (${x.heartbeatsPerSec.median.toFixed(0)} heartbeats/s)`,
      bars: [
        bar('loop delay p50', x.loopDelayP50Ms),
        bar('loop delay p99', x.loopDelayP99Ms),
        bar('acquire+release p50', x.acquireReleaseP50Ms),
      ],
    })),
  });
  return files;
}

/** Scenario 4 charts: one group per library, default and tuned side by side. */
function handoffChart(
  r: BenchResults,
  what: string,
  unit: string,
  pick: (x: HandoffResult) => Summary,
  target: { value: number; label: string },
): string {
  return barChart({
    title: `4. Contended handoff (8 workers, 20 ms hold): ${what}`,
    unit,
    series: ['default', 'tuned'],
    refLines: [target],
    groups: [...new Set(r.handoff.map((x) => x.contender))].map((id) => ({
      label: labelOf(r, id),
      bars: r.handoff.filter((x) => x.contender === id).map((x) => bar(x.setting, pick(x))),
    })),
  });
}
