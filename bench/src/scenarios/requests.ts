import type { RequestCounts } from '@ddb-lock/local-dynamo';
import type { ContenderKind } from '../contenders/contender.js';
import { contenders } from '../contenders/registry.js';
import { countDuring, perOp } from '../stats/request-counts.js';
import { type Summary, summarize } from '../stats/summary.js';
import { sleep } from '../util/sleep.js';
import { type BenchContext, freshKey, SHORT_HOLD } from './context.js';

/** Scenario 1: requests per operation, by DynamoDB operation. */
export interface RequestsResult {
  readonly contender: string;
  /** acquire+release of a key never used before. */
  readonly fresh: Record<string, Summary>;
  /** acquire+release of a key this client released a moment ago (the steady state of a reused lock). */
  readonly reused?: Record<string, Summary>;
  /** One automatic heartbeat. */
  readonly heartbeat?: Record<string, Summary>;
  /** One attempt on a key another client holds (the peers that can only wait a lease first do so). */
  readonly contended: Record<string, Summary>;
}

/** Heartbeat measurement: short lease so a few beats fit in about a second. */
const BEAT = { leaseMs: 1_000, heartbeatMs: 250 } as const;
const BEATS_IN_WINDOW = 4;

export async function runRequests(ctx: BenchContext): Promise<RequestsResult[]> {
  const results: RequestsResult[] = [];
  for (const kind of contenders) {
    ctx.log(`requests: ${kind.label}`);
    const rounds = {
      fresh: [] as RequestCounts[],
      reused: [] as RequestCounts[],
      heartbeat: [] as RequestCounts[],
      contended: [] as RequestCounts[],
    };
    for (let round = 0; round < ctx.config.rounds; round++) {
      rounds.fresh.push(await pairs(ctx, kind, false));
      if (kind.can.wait) rounds.reused.push(await pairs(ctx, kind, true));
      // Request counts are nearly deterministic: fewer rounds of the slow (lease-long) ones.
      if (round < ctx.config.slowCountRounds && kind.can.heartbeat) rounds.heartbeat.push(await heartbeat(ctx, kind));
      if (round < ctx.config.slowCountRounds) rounds.contended.push(await contended(ctx, kind));
    }
    results.push({
      contender: kind.id,
      fresh: byOperation(rounds.fresh),
      ...(rounds.reused.length > 0 && { reused: byOperation(rounds.reused) }),
      ...(rounds.heartbeat.length > 0 && { heartbeat: byOperation(rounds.heartbeat) }),
      contended: byOperation(rounds.contended),
    });
  }
  return results;
}

async function pairs(ctx: BenchContext, kind: ContenderKind, reuse: boolean): Promise<RequestCounts> {
  const client = kind.create(ctx.env.endpoint, SHORT_HOLD);
  const n = ctx.config.countOps;
  const reusedKey = freshKey(`req-${kind.id}`);
  if (reuse) await (await client.acquire(reusedKey, 5_000)).release();
  const counts = await countDuring(
    () => ctx.env.counts(),
    async () => {
      for (let i = 0; i < n; i++) await (await client.acquire(reuse ? reusedKey : freshKey(`req-${kind.id}`), 5_000)).release();
    },
  );
  await client.close();
  return perOp(counts, n);
}

async function heartbeat(ctx: BenchContext, kind: ContenderKind): Promise<RequestCounts> {
  const client = kind.create(ctx.env.endpoint, BEAT);
  const held = await client.acquire(freshKey(`beat-${kind.id}`), 5_000);
  // Half a period past the 4th beat, before the 5th: timers re-arm after each response.
  const counts = await countDuring(
    () => ctx.env.counts(),
    () => sleep(BEAT.heartbeatMs * (BEATS_IN_WINDOW + 0.5)),
  );
  await held.release();
  await client.close();
  return perOp(counts, BEATS_IN_WINDOW);
}

async function contended(ctx: BenchContext, kind: ContenderKind): Promise<RequestCounts> {
  const holder = kind.create(ctx.env.endpoint, BEAT, 'holder');
  const prober = kind.create(ctx.env.endpoint, BEAT, 'probe');
  const key = freshKey(`contended-${kind.id}`);
  const held = await holder.tryAcquire(key);
  if (!held) throw new Error(`${kind.id}: holder could not take a fresh key`);
  const counts = await countDuring(
    () => ctx.env.counts('probe'),
    async () => {
      const stolen = await prober.tryAcquire(key);
      if (stolen) throw new Error(`${kind.id}: a contended attempt took a lock that was held and heartbeating`);
    },
  );
  await held.release();
  await Promise.all([holder.close(), prober.close()]);
  return counts;
}

/** Per operation, the median/min/max over rounds (an operation missing in a round counts 0). */
function byOperation(rounds: readonly RequestCounts[]): Record<string, Summary> {
  const ops = new Set(rounds.flatMap((r) => Object.keys(r)));
  return Object.fromEntries([...ops].sort().map((op) => [op, summarize(rounds.map((r) => r[op] ?? 0))]));
}
