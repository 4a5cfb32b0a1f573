import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Held } from '../contenders/contender.js';
import { ddbLock } from '../contenders/ddb-lock.js';
import { diffCounts } from '../stats/request-counts.js';
import { percentile, type Summary, summarize } from '../stats/summary.js';
import { type BenchContext, freshKey } from './context.js';

/** Scenario 7: one ddb-lock client holding many locks with heartbeats running. */
export interface ScalingResult {
  readonly held: number;
  readonly heartbeatMs: number;
  /** N / heartbeat period: what the heartbeats should cost. */
  readonly expectedHeartbeatsPerSec: number;
  readonly heartbeatsPerSec: Summary;
  /** Event-loop delay while holding (perf_hooks monitorEventLoopDelay). */
  readonly loopDelayP50Ms: Summary;
  readonly loopDelayP99Ms: Summary;
  readonly loopDelayMaxMs: Summary;
  /** acquire+release of one more key on the same client, meanwhile. */
  readonly acquireReleaseP50Ms: Summary;
  /** Locks lost during the window (must be 0: heartbeats kept up). */
  readonly lost: number;
}

const TAG = 'scaling';
const ACQUIRE_CONCURRENCY = 16;

export async function runScaling(ctx: BenchContext): Promise<ScalingResult[]> {
  const results: ScalingResult[] = [];
  const { scalingLeaseMs: leaseMs, scalingHeartbeatMs: heartbeatMs } = ctx.config;
  for (const n of ctx.config.heldCounts) {
    const rounds: Omit<ScalingResult, 'held' | 'heartbeatMs' | 'expectedHeartbeatsPerSec' | 'lost'>[] = [];
    let lost = 0;
    const repeats = Math.min(ctx.config.rounds, 2);
    for (let round = 0; round < repeats; round++) {
      ctx.log(`scaling: ${n} held locks, round ${round + 1}/${repeats}`);
      const client = ddbLock.create(ctx.env.endpoint, { leaseMs, heartbeatMs }, TAG);
      const locks: Held[] = [];
      const keys = Array.from({ length: n }, () => freshKey('scale'));
      await Promise.all(
        Array.from({ length: ACQUIRE_CONCURRENCY }, async () => {
          for (let key = keys.pop(); key; key = keys.pop()) locks.push(await client.acquire(key, 5_000));
        }),
      );
      const histogram = monitorEventLoopDelay({ resolution: 5 });
      const before = await ctx.env.counts(TAG);
      histogram.enable();
      const start = performance.now();
      const samples: number[] = [];
      while (performance.now() - start < ctx.config.scalingWindowMs) {
        const t = performance.now();
        await (await client.acquire(freshKey('scale-probe'), 5_000)).release();
        samples.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const seconds = (performance.now() - start) / 1000;
      histogram.disable();
      const updates = diffCounts(before, await ctx.env.counts(TAG)).UpdateItem ?? 0;
      lost += locks.filter((l) => !(l as { isValid?: () => boolean }).isValid?.()).length;
      await client.close();
      rounds.push({
        heartbeatsPerSec: summarize([(updates - 2 * samples.length) / seconds]),
        loopDelayP50Ms: summarize([histogram.percentile(50) / 1e6]),
        loopDelayP99Ms: summarize([histogram.percentile(99) / 1e6]),
        loopDelayMaxMs: summarize([histogram.max / 1e6]),
        acquireReleaseP50Ms: summarize([percentile(samples, 50)]),
      });
    }
    const merge = (pick: (r: (typeof rounds)[number]) => Summary) => summarize(rounds.map((r) => pick(r).median));
    results.push({
      held: n,
      heartbeatMs,
      expectedHeartbeatsPerSec: (n * 1000) / heartbeatMs,
      heartbeatsPerSec: merge((r) => r.heartbeatsPerSec),
      loopDelayP50Ms: merge((r) => r.loopDelayP50Ms),
      loopDelayP99Ms: merge((r) => r.loopDelayP99Ms),
      loopDelayMaxMs: merge((r) => r.loopDelayMaxMs),
      acquireReleaseP50Ms: merge((r) => r.acquireReleaseP50Ms),
      lost,
    });
  }
  return results;
}
