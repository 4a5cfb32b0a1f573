import type { BenchResults } from '../results.js';
import { RAW_REPLAY } from '../scenarios/latency.js';
import { formatCounts } from '../stats/request-counts.js';
import { fmt, type Summary } from '../stats/summary.js';
import { comparisonTable } from './comparison.js';
import { labelOf } from './labels.js';
import { shortTakeoverSection, shortTakeoverSummary } from './short-takeover-table.js';
import { targetRows } from './targets.js';

const medians = (m: Record<string, Summary> | undefined) => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, v.median]));
const counts = (m: Record<string, Summary> | undefined) => (m ? formatCounts(medians(m)) : 'n/a');

/** The targets as a markdown table (also pasted into bench/README.md). */
export function targetsTable(r: BenchResults): string {
  return [
    '| target | ddb-lock measured | met | note |',
    '|---|---|---|---|',
    ...targetRows(r).map((t) => `| ${t.target} | ${t.measured} | ${t.met} | ${t.note} |`),
  ].join('\n');
}

/** results/latest.md: every figure of the run, with the charts beside it. */
export function markdownReport(r: BenchResults): string {
  const s: string[] = [];
  s.push(`# ddb-lock benchmark — ${r.quick ? 'quick (smoke) run, figures not for quoting' : 'full run'}`, '');
  s.push(
    `Run ${r.startedAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, ${r.machine.platform};` +
      ` took ${r.durationS.total} s.`,
  );
  if (r.runtime)
    s.push(
      `Runtime measured: commit ${r.runtime.commit}, code fingerprint \`${r.runtime.fingerprint}\` (checked by the docs' freshness check).`,
    );
  s.push(
    'Server: dynalite in its own process on 127.0.0.1 behind a counting HTTP proxy (every library talks to the same' +
      ' proxy; requests counted by `X-Amz-Target`).',
  );
  s.push(
    'Every figure is the median over repeated runs with (min–max); every ratio is taken within one run and then' +
      ' summarised, never across runs.',
    '',
  );
  s.push(
    'Versions: ' +
      Object.entries(r.versions)
        .map(([k, v]) => `\`${k}\` ${v}`)
        .join(', '),
    '',
  );
  s.push(
    '## Summary',
    '',
    comparisonTable(r),
    '',
    ...(r.shortTakeover?.length ? [shortTakeoverSummary(r).replace('(results/latest.md#', '(#'), ''] : []),
    '## Targets (reported, not asserted)',
    '',
    targetsTable(r),
    '',
  );
  s.push(whySlower(r), '');

  s.push('## 1. Requests per operation', '', '![requests](requests.svg)', '');
  s.push(
    '| library | acquire+release, fresh key | acquire+release, reused key | per heartbeat | one contended attempt |',
    '|---|---|---|---|---|',
  );
  for (const x of r.requests)
    s.push(`| ${labelOf(r, x.contender)} | ${counts(x.fresh)} | ${counts(x.reused)} | ${counts(x.heartbeat)} | ${counts(x.contended)} |`);
  s.push(
    '',
    'A contended attempt of FailOpen and @deliveryhero/dynamodb-lock first reads the item and then sleeps a whole' +
      ' lease (1 s here) before its conditional write; ddb-lock and the floor answer at once. Powertools re-reads the' +
      ' record after a failed put on dynalite for the same reason as ddb-lock.',
    '',
  );

  s.push('## 2. Uncontended latency (one client, sequential, fresh keys)', '', '![latency](latency.svg)', '');
  s.push(
    '| library | p50 ms | p99 ms | p50 × floor | p99 × floor | client CPU µs per pair (p50) | client CPU × floor |',
    '|---|---|---|---|---|---|---|',
  );
  for (const x of r.latency)
    s.push(
      `| ${x.contender === RAW_REPLAY ? "*ddb-lock's requests sent raw (diagnostic)*" : labelOf(r, x.contender)} |` +
        ` ${fmt(x.p50Ms, 2)} | ${fmt(x.p99Ms, 2)} | ${fmt(x.p50VsFloor, 2)} | ${fmt(x.p99VsFloor, 2)} |` +
        ` ${fmt(x.clientCpuUs, 0)} | ${x.clientCpuVsFloor ? fmt(x.clientCpuVsFloor, 2) : 'n/a'} |`,
    );

  s.push('', '## 3. Distinct-key throughput (one client, C concurrent loops)', '', '![throughput](throughput.svg)', '');
  const levels = [...new Set(r.throughput.map((x) => x.concurrency))];
  s.push(`| library | ${levels.map((c) => `C=${c} pairs/s (× floor)`).join(' | ')} |`, `|---|${levels.map(() => '---').join('|')}|`);
  for (const c of r.contenders) {
    s.push(
      `| ${c.label} | ${levels
        .map((l) => {
          const x = r.throughput.find((t) => t.contender === c.id && t.concurrency === l);
          return x ? `${fmt(x.opsPerSec, 0)} (${fmt(x.vsFloor, 2)}×)` : 'n/a';
        })
        .join(' | ')} |`,
    );
  }

  s.push(
    '',
    '## 4. Contended handoff (8 workers on one key, 20 ms hold, lease 2 s for every library)',
    '',
    '![handoff](handoff.svg)',
    '',
    '![handoff cost](handoff-cost.svg)',
    '',
  );
  s.push(
    'Handoff latency: from a release resolving to the next acquire resolving (any worker). A worker that released' +
      ' queues again only after another worker holds the lock, so each gap is a handoff between two workers. Waiter' +
      " requests/s: all requests beyond each library's own uncontended acquire+release cost, per waiter.",
    '',
  );
  s.push(
    '| library | setting | options | handoffs | p50 ms | p99 ms | requests per handoff | by operation | of which' +
      ' refused writes | waiter requests/s per waiter |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const x of r.handoff)
    s.push(
      `| ${labelOf(r, x.contender)} | ${x.setting} | \`${x.options}\` | ${fmt(x.handoffs, 0)} | ${fmt(x.p50Ms, 0)} |` +
        ` ${fmt(x.p99Ms, 0)} | ${fmt(x.requestsPerHandoff, 1)} | ${formatCounts(x.requestsPerHandoffByOp)} |` +
        ` ${x.refusedWritesPerHandoff ? fmt(x.refusedWritesPerHandoff, 2) : 'n/a'} | ${fmt(x.waiterRequestsPerSec, 1)}` +
        ' |',
    );
  const projected = r.handoff.filter((x) => x.withoutHolderReads);
  if (projected.length) {
    s.push(
      '',
      'On DynamoDB a refused write returns the holder (`ReturnValuesOnConditionCheckFailure`), so the ConsistentRead' +
        ' ddb-lock sends after each refusal on dynalite goes away. Without those reads (one per refused write, counted' +
        ' by the proxy):',
      '',
    );
    s.push('| library | setting | requests per handoff | waiter requests/s per waiter |', '|---|---|---|---|');
    for (const x of projected)
      s.push(
        `| ${labelOf(r, x.contender)} | ${x.setting} | ${fmt(x.withoutHolderReads!.requestsPerHandoff, 1)} |` +
          ` ${fmt(x.withoutHolderReads!.waiterRequestsPerSec, 1)} |`,
      );
  }

  s.push('', '## 5. Takeover after the holder process is SIGKILLed', '');
  if (r.takeover.length) {
    if (r.rerun?.takeover) s.push(`Re-run alone (\`--only takeover\`) on ${r.rerun.takeover.slice(0, 16).replace('T', ' ')} UTC.`, '');
    s.push(
      '![takeover](takeover.svg)',
      '',
      'The waiter is a separate process that has been waiting for half a lease plus a random part of a heartbeat' +
        ' period when the holder is killed; the figure is kill → waiter holds the lock.',
      '',
    );
    s.push('| mode | options | takeover ms | in leases |', '|---|---|---|---|');
    for (const x of r.takeover) s.push(`| ${x.label} | \`${x.options}\` | ${fmt(x.takeoverMs, 0)} | ${fmt(x.inLeases, 2)} |`);
    s.push(
      '',
      "dynamodb-lock-client FailClosed and the floor have no lease: a killed holder's lock is never freed without a" +
        " human. Powertools' in-progress record expires with the Lambda invocation's remaining time (no heartbeat), so" +
        ' it is not comparable.',
    );
  }
  s.push(...shortTakeoverSection(r));

  s.push('', '## 6. Lambda footprint (esbuild --minify, ESM, node22, `@aws-sdk/*` external)', '', '![footprint](footprint.svg)', '');
  s.push('| handler | bundle KB | gzip KB | over bare KB | init (import) ms | over bare ms |', '|---|---|---|---|---|---|');
  for (const x of r.footprint)
    s.push(
      `| ${x.label} | ${(x.size.bytes / 1024).toFixed(1)} | ${(x.size.gzipBytes / 1024).toFixed(1)} |` +
        ` ${(x.addedBytes / 1024).toFixed(1)} | ${fmt(x.initMs, 1)} | ${fmt(x.addedInitMs, 1)} |`,
    );
  s.push(
    '',
    'Init: a fresh `node` process imports the bundle (the SDK resolves from node_modules, as from /var/runtime on' +
      ' Lambda); the bundles alternate so each paired difference sees the same machine state.',
  );

  s.push('', '## 7. Scaling: one ddb-lock client holding N locks with heartbeats running', '', '![scaling](scaling.svg)', '');
  s.push(
    '| held | heartbeat period | expected heartbeats/s | measured heartbeats/s | loop delay p50 ms | p99 ms | max ms |' +
      ' acquire+release p50 ms meanwhile | locks lost |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const x of r.scaling)
    s.push(
      `| ${x.held} | ${x.heartbeatMs} ms | ${x.expectedHeartbeatsPerSec.toFixed(0)} | ${fmt(x.heartbeatsPerSec, 0)} |` +
        ` ${fmt(x.loopDelayP50Ms, 1)} | ${fmt(x.loopDelayP99Ms, 1)} | ${fmt(x.loopDelayMaxMs, 1)} |` +
        ` ${fmt(x.acquireReleaseP50Ms, 2)} | ${x.lost} |`,
    );
  s.push(
    '',
    'The window is a whole number of heartbeat periods. Each heartbeat is re-armed after the previous one completes,' +
      ' so the measured rate sits slightly under N / period.',
  );

  if (r.peerErrors.length) {
    s.push(
      '',
      '## Errors peers raised outside any call',
      '',
      "Rejections nobody could catch (e.g. a heartbeat rejecting inside a library's own timer); in an application they" +
        ' crash Node by default.',
      '',
    );
    for (const e of [...new Set(r.peerErrors)]) s.push(`- ${e.replace(/\|/g, '\\|')}`);
  }
  s.push(
    '',
    `Durations (s): ${Object.entries(r.durationS)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  );
  return s.join('\n');
}

function whySlower(r: BenchResults): string {
  const p50 = (id: string) => r.latency.find((x) => x.contender === id)?.p50Ms.median ?? Number.NaN;
  const [floor, raw, lock] = [p50('floor'), p50(RAW_REPLAY), p50('ddb-lock')];
  return [
    '### Why ddb-lock is slower than the floor on dynalite',
    '',
    "Both spend two writes per acquire+release. Sending ddb-lock's exact two UpdateItems raw through the SDK takes" +
      ` ${raw.toFixed(2)} ms (p50) against`,
    `the floor's ${floor.toFixed(2)} ms: **${(raw - floor).toFixed(2)} ms is the server** — dynalite (pure JS) parses` +
      ' and evaluates a 5-way OR condition,',
    "`if_not_exists` fence arithmetic and `ReturnValues: ALL_NEW` on every acquire, where the floor's PutItem has one" +
      ' `attribute_not_exists`.',
    `The remaining **${(lock - raw).toFixed(2)} ms is ddb-lock's client** around the same requests: option validation,` +
      ' a deadline timer and an',
    'AbortController per request (`sendWithDeadline`), the `Lock` EventEmitter with its expiry/danger/heartbeat timers' +
      ' armed on acquire and',
    'cleared on release. On DynamoDB the server part of both is a single-item conditional write in the same partition.',
  ].join('\n');
}
