import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LocalServerName } from '@ddb-lock/local-dynamo';
import type { BenchResults } from '../results.js';
import { RAW_REPLAY } from '../scenarios/latency.js';
import { formatCounts } from '../stats/request-counts.js';
import { fmt, type Summary } from '../stats/summary.js';
import { labelOf } from './labels.js';

/** A run of scenarios 1 and 2 on another server than the default: the shape of results/<server>.json. */
export type ServerRunResults = Pick<
  BenchResults,
  'startedAt' | 'quick' | 'machine' | 'versions' | 'contenders' | 'requests' | 'latency' | 'durationS'
> & { readonly server: LocalServerName };

const counts = (m: Record<string, Summary> | undefined) =>
  m ? formatCounts(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.median]))) : 'n/a';

/** results/<server>.md: requests per operation and latency, with what they do and do not say. */
export function serverReport(r: ServerRunResults): string {
  const s: string[] = [];
  s.push(`# ddb-lock benchmark on ${r.server} — scenarios 1 and 2${r.quick ? ' (quick run, figures not for quoting)' : ''}`, '');
  s.push(`Run ${r.startedAt} on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}; took ${r.durationS.total} s.`);
  s.push(
    `Server: ${r.server} in its own process on 127.0.0.1 behind the same counting proxy as the dynalite run (requests` +
      ' counted at the wire by `X-Amz-Target`).',
  );
  s.push(
    `${r.server} returns the holder with a refused write (\`ReturnValuesOnConditionCheckFailure\`), as DynamoDB does,` +
      ' so the "one contended attempt" column is what that attempt costs on DynamoDB.',
  );
  s.push(
    `Latency here is ${r.server}'s (one Python process serving one request at a time), not the libraries': compare` +
      ' rows within this table only; the throughput, handoff and takeover figures stay on dynalite.',
    '',
  );
  s.push('## 1. Requests per operation', '');
  s.push(
    '| library | acquire+release, fresh key | acquire+release, reused key | per heartbeat | one contended attempt |',
    '|---|---|---|---|---|',
  );
  for (const x of r.requests)
    s.push(`| ${labelOf(r, x.contender)} | ${counts(x.fresh)} | ${counts(x.reused)} | ${counts(x.heartbeat)} | ${counts(x.contended)} |`);
  s.push('', '## 2. Uncontended latency (one client, sequential, fresh keys)', '');
  s.push('| library | p50 ms | p99 ms | p50 × floor | client CPU µs per pair (p50) |', '|---|---|---|---|---|');
  for (const x of r.latency) {
    const label = x.contender === RAW_REPLAY ? "*ddb-lock's requests sent raw (diagnostic)*" : labelOf(r, x.contender);
    s.push(`| ${label} | ${fmt(x.p50Ms, 2)} | ${fmt(x.p99Ms, 2)} | ${fmt(x.p50VsFloor, 2)} | ${fmt(x.clientCpuUs, 0)} |`);
  }
  s.push(
    '',
    "The diagnostic row sends ddb-lock's exact requests without its client: where it is as slow as ddb-lock, the time" +
      " is the server's evaluating those UpdateItem expressions, not the client's.",
  );
  return `${s.join('\n')}\n`;
}

/** Writes results/<server>.json and .md (quick runs: results/quick/, ignored). */
export function writeServerReport(r: ServerRunResults): string[] {
  const dir = fileURLToPath(new URL(r.quick ? '../../results/quick/' : '../../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}${r.server}.json`, `${JSON.stringify(r, null, 1)}\n`);
  writeFileSync(`${dir}${r.server}.md`, serverReport(r));
  return [`${r.server}.json`, `${r.server}.md`].map((name) => `${dir}${name}`.replace(/.*\/bench\//, 'bench/'));
}
