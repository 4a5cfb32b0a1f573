import { importRuntime } from '../contenders/runtime-bundle.js';
import { dynamoDbClient } from '../env/sdk-clients.js';
import { diffCounts, totalOf } from '../stats/request-counts.js';
import { percentile } from '../stats/summary.js';
import { sleep } from '../util/sleep.js';
import { type BenchContext, freshKey } from './context.js';

const { LockClient, LockBusyError } = await importRuntime('index');

/** One row of the hot-key table: C clients looping on one key, with this think time after each release. */
export interface HotKeyRow {
  readonly clients: number;
  readonly thinkMs: number;
}

/** What one row measured, with fair waiting on or off. */
export interface HotKeyResult extends HotKeyRow {
  readonly fair: boolean;
  readonly grants: number;
  readonly perClientMin: number;
  readonly perClientMax: number;
  /** Clients never granted in the window. */
  readonly starved: number;
  /** Wait from the call to the grant; waits still open at the window's end count with their length so far. */
  readonly waitP50Ms: number;
  readonly waitP99Ms: number;
  readonly waitMaxMs: number;
  /** Over every wait: the most grants any one other client got during it (1 = nobody passed it twice). */
  readonly maxGrantsToOneOtherDuringAWait: number;
  readonly requestsPerGrant: number;
  readonly requestsByOp: Record<string, number>;
}

/** Hold of every grant (the reproduction). */
export const HOT_KEY_HOLD_MS = 20;
/** Lease of every client (the reproduction: 5 s, default polling: pollMs 1 s). */
export const HOT_KEY_LEASE_MS = 5_000;

/**
 * The hot key (issue 25): C clients in one process, each with its own LockClient and SDK client,
 * loop on one key — acquire (waiting up to the window's end), hold 20 ms, release, think — for
 * `windowMs`. Per-client grants, the wait distribution including waits that never ended, how
 * often one client was granted twice while another waited, and requests per grant (counted at
 * the proxy). Run once with `fair: false` (barging, the behaviour before fair waiting) and once
 * with the default.
 */
export async function runHotKeyRow(ctx: BenchContext, row: HotKeyRow, fair: boolean, windowMs: number): Promise<HotKeyResult> {
  const key = freshKey(`hot-${row.clients}-${row.thinkMs}-${fair ? 'fair' : 'barge'}`);
  const clients = Array.from(
    { length: row.clients },
    () => new LockClient({ tableName: 'ddb-lock', client: dynamoDbClient(ctx.env.endpoint), leaseMs: HOT_KEY_LEASE_MS }),
  );
  const grants = new Array<number>(row.clients).fill(0);
  const order: number[] = []; // client index of each grant, in grant order
  const waits: number[] = [];
  const passed: number[] = [];
  const before = await ctx.env.counts();
  const end = performance.now() + windowMs;
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), windowMs);
  const loop = async (i: number) => {
    const client = clients[i]!;
    while (performance.now() < end) {
      const asked = performance.now();
      const from = order.length;
      try {
        const lock = await client.acquire(key, { waitMs: Math.max(1, Math.ceil(end - asked)), signal: stop.signal, fair });
        waits.push(performance.now() - asked);
        passed.push(mostToOneOther(order.slice(from), i));
        grants[i]!++;
        order.push(i);
        await sleep(HOT_KEY_HOLD_MS);
        await lock.release();
      } catch (error) {
        // The window ended while waiting: the wait counts with what it had waited.
        if (!(error instanceof LockBusyError) && !stop.signal.aborted) throw error;
        waits.push(performance.now() - asked);
        passed.push(mostToOneOther(order.slice(from), i));
        break;
      }
      if (row.thinkMs > 0 && performance.now() < end) await sleep(row.thinkMs);
    }
  };
  await Promise.all(clients.map((_, i) => loop(i)));
  clearTimeout(timer);
  const byOp = diffCounts(before, await ctx.env.counts());
  await Promise.all(
    clients.map(async (c) => {
      await c.close();
      c.dynamoDb.destroy();
    }),
  );
  const total = order.length;
  ctx.log(`hot key ${row.clients}×${row.thinkMs} ms ${fair ? 'fair' : 'barging'}: ${total} grants`);
  return {
    ...row,
    fair,
    grants: total,
    perClientMin: Math.min(...grants),
    perClientMax: Math.max(...grants),
    starved: grants.filter((g) => g === 0).length,
    waitP50Ms: percentile(waits, 50),
    waitP99Ms: percentile(waits, 99),
    waitMaxMs: Math.max(...waits),
    maxGrantsToOneOtherDuringAWait: Math.max(0, ...passed),
    requestsPerGrant: total ? totalOf(byOp) / total : Number.NaN,
    requestsByOp: Object.fromEntries(Object.entries(byOp).map(([op, n]) => [op, total ? +(n / total).toFixed(2) : Number.NaN])),
  };
}

/** The most grants one client other than `me` got among `grants`. */
function mostToOneOther(grants: readonly number[], me: number): number {
  const counts = new Map<number, number>();
  for (const g of grants) if (g !== me) counts.set(g, (counts.get(g) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/**
 * The hot-key table as markdown.
 *
 * @example
 * ```ts
 * console.log(hotKeyTable(results));
 * ```
 */
export function hotKeyTable(results: readonly HotKeyResult[]): string {
  const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
  const lines = [
    '| clients | think | waiting | grants | per client (min–max) | never granted | wait p50 | wait p99 | wait max ' +
      '| most grants to one other client during a wait | requests per grant (by op) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const ops = Object.entries(r.requestsByOp)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ');
    const mode = r.fair ? 'fair (default)' : 'barging (`fair: false`)';
    const waits = `${ms(r.waitP50Ms)} | ${ms(r.waitP99Ms)} | ${ms(r.waitMaxMs)}`;
    lines.push(
      `| ${r.clients} | ${r.thinkMs} ms | ${mode} | ${r.grants} | ${r.perClientMin}–${r.perClientMax} | ${r.starved} | ${waits} ` +
        `| ${r.maxGrantsToOneOtherDuringAWait} | ${r.requestsPerGrant.toFixed(2)} (${ops}) |`,
    );
  }
  return lines.join('\n');
}
