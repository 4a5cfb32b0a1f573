import type { Cluster } from './cluster.js';
import type { FaultClass, FaultInjector, FaultTarget } from './faults.js';
import { mono } from './mono.js';
import { Prng } from './prng.js';

/** Process and network faults a scenario throws at the cluster, each at a seeded random moment. */
export interface NemesisPlan {
  /** Mean ms between two actions. */
  readonly everyMs: number;
  /** SIGSTOP a holder for this long (ms range), then SIGCONT. */
  readonly pauseMs?: readonly [number, number];
  /** SIGKILL a holder and start a new worker in its place. */
  readonly kill?: boolean;
  /** Storms: one fault class forced on every (matching) request for a while. */
  readonly storms?: ReadonlyArray<
    {
      fault: FaultClass;
      ms: readonly [number, number];
      /** Hit this many seeded live workers only (the others keep going), instead of `workers`. */
      targetCount?: number;
    } & FaultTarget
  >;
  /** Storms at fixed offsets from the start, for scenarios that need one at a known moment. */
  readonly at?: ReadonlyArray<{ atMs: number; fault: FaultClass; ms: number }>;
}

/**
 * Runs the nemesis until `done()`: bounded by the run, and it waits for its own pauses to end,
 * so no worker is left stopped.
 */
export async function runNemesis(
  plan: NemesisPlan,
  cluster: Cluster,
  injector: FaultInjector,
  seed: number,
  done: () => boolean,
): Promise<void> {
  const rng = new Prng(seed);
  const actions: Array<() => Promise<void> | void> = [];
  // Pause and kill aim at a holder. Whether one holds at the instant the action fires depends on
  // scheduling, so the action waits (bounded) for one instead of skipping: a scenario that asks
  // for a paused or killed holder always gets one, whatever the machine's speed.
  if (plan.pauseMs) {
    actions.push(async () => {
      const holders = await someHolders(cluster, plan.everyMs, done);
      if (holders.length > 0) await cluster.pause(rng.pick(holders), rng.int(plan.pauseMs![0], plan.pauseMs![1]));
    });
  }
  if (plan.kill) {
    actions.push(async () => {
      const holders = await someHolders(cluster, plan.everyMs, done);
      if (holders.length === 0) return;
      cluster.kill(rng.pick(holders));
      cluster.spawn();
    });
  }
  for (const s of plan.storms ?? []) {
    actions.push(() => {
      const ms = rng.int(s.ms[0], s.ms[1]);
      const live = cluster.live;
      const workers =
        s.targetCount === undefined
          ? s.workers
          : Array.from({ length: Math.min(s.targetCount, live.length) }, () => live.splice(rng.int(0, live.length - 1), 1)[0]!);
      cluster.note({ ev: 'storm', fault: s.fault, ms, ...(workers && { targets: [...workers] }) });
      injector.storm(s.fault, mono(), ms, { ...s, ...(workers && { workers }) });
    });
  }
  const timers = (plan.at ?? []).map((s) =>
    setTimeout(() => {
      if (done()) return;
      cluster.note({ ev: 'storm', fault: s.fault, ms: s.ms });
      injector.storm(s.fault, mono(), s.ms);
    }, s.atMs),
  );
  const running: Array<Promise<void> | void> = [];
  if (actions.length === 0) {
    while (!done()) await new Promise((r) => setTimeout(r, 100));
  }
  while (actions.length > 0) {
    await new Promise((r) => setTimeout(r, rng.int(plan.everyMs / 2, (plan.everyMs * 3) / 2)));
    if (done()) break;
    running.push(rng.pick(actions)());
  }
  for (const t of timers) clearTimeout(t);
  await Promise.all(running);
}

/** The current holders, polling for up to `maxMs` until there is one (or the run ends). */
async function someHolders(cluster: Cluster, maxMs: number, done: () => boolean): Promise<number[]> {
  const until = mono() + maxMs;
  for (;;) {
    const holders = cluster.holders();
    if (holders.length > 0 || done() || mono() >= until) return holders;
    await new Promise((r) => setTimeout(r, 10));
  }
}
