import { ddbLockRawReplay } from '../contenders/ddb-lock-raw.js';
import { contenders } from '../contenders/registry.js';
import { percentile, type Summary, summarize } from '../stats/summary.js';
import { type BenchContext, SHORT_HOLD } from './context.js';
import { type Turn, takeTurns, uncontendedPair } from './take-turns.js';

/** Scenario 2: one client per library, sequential acquire+release of fresh keys. */
export interface LatencyResult {
  readonly contender: string;
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
  /** p50 divided by the floor's p50 of the same round. */
  readonly p50VsFloor: Summary;
  readonly p99VsFloor: Summary;
  /** CPU time of the bench process per pair (the client's own work; the server is another process). */
  readonly clientCpuUs: Summary;
  /**
   * Client CPU divided by the floor's of the same round, like the latency ratios: the machine's
   * load moves both, so the ratio is steadier than two medians taken apart (absent in results
   * written before it existed).
   */
  readonly clientCpuVsFloor?: Summary;
}

/** Id of the diagnostic row: ddb-lock's requests without its client (see ddb-lock-raw.ts). */
export const RAW_REPLAY = 'ddb-lock-raw';
const WARMUP = 10;

/** The libraries take turns pair by pair (see takeTurns) instead of one block each. */
export async function runLatency(ctx: BenchContext): Promise<LatencyResult[]> {
  const perRound: Record<string, { p50: number; p99: number; cpu: number }>[] = [];
  const ids = [...contenders.map((c) => c.id), RAW_REPLAY];
  for (let round = 0; round < ctx.config.rounds; round++) {
    ctx.log(`latency: round ${round + 1}/${ctx.config.rounds}`);
    const clients = contenders.map((kind) => ({ id: kind.id, client: kind.create(ctx.env.endpoint, SHORT_HOLD) }));
    const raw = ddbLockRawReplay(ctx.env.endpoint);
    const turns: Turn[] = [...clients.map(({ id, client }) => ({ id, pair: uncontendedPair(client) })), { id: RAW_REPLAY, pair: raw.pair }];
    const samples = await takeTurns(turns, ctx.config.latencyOps, WARMUP, 'lat');
    await Promise.all(clients.map(({ client }) => client.close()));
    raw.close();
    perRound.push(
      Object.fromEntries(
        ids.map((id) => {
          const { wallMs, cpuUs } = samples[id]!;
          return [id, { p50: percentile(wallMs, 50), p99: percentile(wallMs, 99), cpu: percentile(cpuUs, 50) }];
        }),
      ),
    );
  }
  return ids.map((id) => ({
    contender: id,
    p50Ms: summarize(perRound.map((r) => r[id]!.p50)),
    p99Ms: summarize(perRound.map((r) => r[id]!.p99)),
    p50VsFloor: summarize(perRound.map((r) => r[id]!.p50 / r.floor!.p50)),
    p99VsFloor: summarize(perRound.map((r) => r[id]!.p99 / r.floor!.p99)),
    clientCpuUs: summarize(perRound.map((r) => r[id]!.cpu)),
    clientCpuVsFloor: summarize(perRound.map((r) => r[id]!.cpu / r.floor!.cpu)),
  }));
}
