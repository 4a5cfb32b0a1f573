import { contenders } from '../contenders/registry.js';
import { type Summary, summarize } from '../stats/summary.js';
import { type BenchContext, freshKey, SHORT_HOLD } from './context.js';
import { rotated } from './rotation.js';

/** Scenario 3: acquire+release pairs per second on distinct keys, one client, C loops. */
export interface ThroughputResult {
  readonly contender: string;
  readonly concurrency: number;
  readonly opsPerSec: Summary;
  /** Divided by the floor's ops/s at the same concurrency in the same round. */
  readonly vsFloor: Summary;
}

export async function runThroughput(ctx: BenchContext): Promise<ThroughputResult[]> {
  const results: ThroughputResult[] = [];
  for (const concurrency of ctx.config.concurrency) {
    const perRound: Record<string, number>[] = [];
    for (let round = 0; round < ctx.config.rounds; round++) {
      ctx.log(`throughput: concurrency ${concurrency}, round ${round + 1}/${ctx.config.rounds}`);
      const figures: Record<string, number> = {};
      for (const kind of rotated(contenders, round)) {
        const client = kind.create(ctx.env.endpoint, SHORT_HOLD);
        const loop = async (until: number) => {
          let ops = 0;
          while (performance.now() < until) {
            await (await client.acquire(freshKey(`tp-${kind.id}`), 5_000)).release();
            ops++;
          }
          return ops;
        };
        // Warm-up opens the connections the measured window will use.
        await Promise.all(Array.from({ length: concurrency }, () => loop(performance.now() + 100)));
        const start = performance.now();
        const counts = await Promise.all(Array.from({ length: concurrency }, () => loop(start + ctx.config.throughputWindowMs)));
        const elapsedS = (performance.now() - start) / 1000;
        await client.close();
        figures[kind.id] = counts.reduce((a, b) => a + b, 0) / elapsedS;
      }
      perRound.push(figures);
    }
    for (const kind of contenders) {
      results.push({
        contender: kind.id,
        concurrency,
        opsPerSec: summarize(perRound.map((r) => r[kind.id]!)),
        vsFloor: summarize(perRound.map((r) => r[kind.id]! / r.floor!)),
      });
    }
  }
  return results;
}
