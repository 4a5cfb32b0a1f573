import type { RequestCounts } from '@ddb-lock/local-dynamo';
import type { ContenderKind, LockSettings } from '../contenders/contender.js';
import { contenders } from '../contenders/registry.js';
import { diffCounts, totalOf } from '../stats/request-counts.js';
import { median, percentile, type Summary, summarize } from '../stats/summary.js';
import { sleep } from '../util/sleep.js';
import { type BenchContext, freshKey } from './context.js';

/** Scenario 4: workers take turns on one key; how long the lock sits idle between holders, and what waiting costs. */
export interface HandoffResult {
  readonly contender: string;
  readonly setting: 'default' | 'tuned';
  readonly options: string;
  readonly handoffs: Summary;
  /** Handoffs per second of the window: what a per-second cost is paid for. */
  readonly handoffsPerSec: Summary;
  /** Release resolved → next acquire resolved (by any worker), per round. */
  readonly p50Ms: Summary;
  readonly p99Ms: Summary;
  /** All requests in the window over successful handoffs. */
  readonly requestsPerHandoff: Summary;
  /** The same, by operation (median over rounds). */
  readonly requestsPerHandoffByOp: Record<string, number>;
  /** Requests beyond the uncontended cost of each acquire+release, per waiter and second. */
  readonly waiterRequestsPerSec: Summary;
  /** Writes the server refused on their condition (lost races, attempts on a held lock), per handoff. */
  readonly refusedWritesPerHandoff: Summary;
  /**
   * For a library that reads the holder after each refusal only because dynalite omits it: the
   * same two figures without those reads, i.e. what the run would have cost on DynamoDB.
   */
  readonly withoutHolderReads?: { readonly requestsPerHandoff: Summary; readonly waiterRequestsPerSec: Summary };
}

/** Lease of every library here, so the ones that sleep a whole lease still hand off a few times per window. */
export const HANDOFF_LEASE = { leaseMs: 2_000, heartbeatMs: 500 } as const;
/** How often a worker that just released checks whether someone else has taken the lock. */
const REQUEUE_CHECK_MS = 5;

export async function runHandoff(ctx: BenchContext, uncontendedCost: Record<string, number>): Promise<HandoffResult[]> {
  const results: HandoffResult[] = [];
  for (const kind of contenders.filter((c) => c.can.wait && c.id !== 'floor')) {
    for (const setting of ['default', 'tuned'] as const) {
      const settings: LockSettings = { ...HANDOFF_LEASE, tuned: setting === 'tuned' };
      const runs: Round[] = [];
      for (let round = 0; round < ctx.config.handoffRounds; round++) {
        ctx.log(`handoff: ${kind.label} ${setting}, round ${round + 1}/${ctx.config.handoffRounds}`);
        runs.push(await oneRound(ctx, kind, settings));
      }
      const cost = uncontendedCost[kind.id] ?? 2;
      const waiters = ctx.config.handoffWorkers - 1;
      results.push({
        contender: kind.id,
        setting,
        options: kind.describe(settings),
        handoffs: summarize(runs.map((r) => r.gaps.length)),
        handoffsPerSec: summarize(runs.map((r) => r.gaps.length / r.seconds)),
        p50Ms: summarize(runs.map((r) => percentile(r.gaps, 50))),
        p99Ms: summarize(runs.map((r) => percentile(r.gaps, 99))),
        requestsPerHandoff: summarize(runs.map((r) => (r.gaps.length ? totalOf(r.byOp) / r.gaps.length : Number.NaN))),
        requestsPerHandoffByOp: Object.fromEntries(
          [...new Set(runs.flatMap((r) => Object.keys(r.byOp)))]
            .sort()
            .map((op) => [
              op,
              median(runs.map((r) => (r.gaps.length ? (r.byOp[op] ?? 0) / r.gaps.length : Number.NaN)).filter(Number.isFinite)),
            ]),
        ),
        waiterRequestsPerSec: summarize(runs.map((r) => waiterRate(r, r.byOp, cost, waiters))),
        refusedWritesPerHandoff: summarize(runs.map((r) => (r.gaps.length ? totalOf(r.refused) / r.gaps.length : Number.NaN))),
        ...(kind.can.readsHolderAfterRefusal && {
          withoutHolderReads: {
            requestsPerHandoff: summarize(
              runs.map((r) => (r.gaps.length ? (totalOf(r.byOp) - totalOf(r.refused)) / r.gaps.length : Number.NaN)),
            ),
            waiterRequestsPerSec: summarize(
              runs.map((r) => waiterRate(r, { ...r.byOp, GetItem: (r.byOp.GetItem ?? 0) - totalOf(r.refused) }, cost, waiters)),
            ),
          },
        }),
      });
    }
  }
  return results;
}

/** Requests beyond the uncontended cost of each acquisition, per waiter and second. */
function waiterRate(r: Round, byOp: RequestCounts, cost: number, waiters: number): number {
  return Math.max(0, totalOf(byOp) - cost * r.acquisitions) / r.seconds / waiters;
}

interface Round {
  readonly gaps: number[];
  readonly byOp: RequestCounts;
  /** Of those, the ones refused with ConditionalCheckFailedException. */
  readonly refused: RequestCounts;
  readonly acquisitions: number;
  readonly seconds: number;
}

async function oneRound(ctx: BenchContext, kind: ContenderKind, settings: LockSettings): Promise<Round> {
  const key = freshKey(`handoff-${kind.id}`);
  const workers = Array.from({ length: ctx.config.handoffWorkers }, () => kind.create(ctx.env.endpoint, settings));
  const stop = new AbortController();
  const gaps: number[] = [];
  let lastRelease: number | undefined;
  let acquisitions = 0;
  const failures: unknown[] = [];
  const before = await ctx.env.counts();
  const refusedBefore = await ctx.env.failedConditions();
  const start = performance.now();
  const end = start + ctx.config.handoffWindowMs;
  const work = async (worker: (typeof workers)[number]) => {
    while (performance.now() < end) {
      let held: Awaited<ReturnType<typeof worker.acquire>>;
      try {
        // Whole milliseconds: ddb-lock refuses a fractional duration as bad input.
        held = await worker.acquire(key, Math.max(1, Math.ceil(end - performance.now())), stop.signal);
      } catch (error) {
        failures.push(error);
        continue; // gave up at the window's end, or aborted: the loop condition decides
      }
      const acquiredAt = performance.now();
      acquisitions++;
      if (lastRelease !== undefined) gaps.push(acquiredAt - lastRelease);
      await sleep(ctx.config.handoffHoldMs);
      await held.release();
      lastRelease = performance.now();
      // Back of the queue: queue again only once another worker holds the lock, so every gap
      // measured is a handoff between two workers, never a holder grabbing its own lock back.
      const taken = acquisitions;
      while (acquisitions === taken && performance.now() < end) await sleep(REQUEUE_CHECK_MS);
    }
  };
  const timer = setTimeout(() => stop.abort(), ctx.config.handoffWindowMs);
  await Promise.all(workers.map(work));
  clearTimeout(timer);
  // A round where nobody ever got the lock measured nothing: its failures say why (a report of
  // "0 handoffs" once hid every acquire being refused as bad input).
  if (acquisitions === 0 && failures.length > 0) {
    throw new Error(`handoff: ${kind.label} never acquired in the window; first failure: ${String(failures[0])}`, { cause: failures[0] });
  }
  const seconds = (performance.now() - start) / 1000;
  const byOp = diffCounts(before, await ctx.env.counts());
  const refused = diffCounts(refusedBefore, await ctx.env.failedConditions());
  await Promise.all(workers.map((w) => w.close()));
  return { gaps, byOp, refused, acquisitions, seconds };
}
