import { type LocalServerName, startLocalServer } from '@ddb-lock/local-dynamo';
import { CallModes } from './call-modes.js';
import { type CheckParams, type CheckResult, check, type RunRecord } from './checker/index.js';
import { Cluster } from './cluster.js';
import { inServerOrder } from './dynamo-wire.js';
import { FaultProxy } from './fault-proxy.js';
import type { FaultPlan } from './faults.js';
import { mono } from './mono.js';
import { type NemesisPlan, runNemesis } from './nemesis.js';
import { Prng } from './prng.js';
import { createTables } from './tables.js';
import type { WorkerConfig } from './worker-config.js';

/** Leases a stopping worker may need to finish its grant, release, close and exit (checked: T1). */
const STOP_GRACE_FACTOR = 3;

/** One chaos run: who contends, with what timing, under which faults, for how long. */
export interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly workers: number;
  readonly keys: number;
  /** Run this long once the workers are up… */
  readonly durationMs?: number;
  /** …or until this many grants (long mode), capped by `maxMs`. */
  readonly grants?: number;
  readonly maxMs?: number;
  readonly timing: CheckParams;
  /** Each worker's wall clock is off by a seeded amount in [-skewMs, +skewMs]. */
  readonly skewMs?: number;
  readonly wallStep?: { readonly everyMs: number; readonly stepMs: number };
  readonly faults?: FaultPlan;
  readonly nemesis?: NemesisPlan;
  readonly csMs?: number;
  readonly thinkMs?: number;
  readonly holdMs?: number;
  /** Long mode: hold only this fraction of grants, each for a time in `holdRangeMs`. */
  readonly holdChance?: number;
  readonly holdRangeMs?: readonly [number, number];
  /** Long mode: called every `progressEveryMs` with the grants so far. */
  readonly progress?: (grants: number, elapsedMs: number) => void;
  readonly progressEveryMs?: number;
  readonly careless?: boolean;
  /** The DynamoDB-compatible server behind the fault proxy (default dynalite). */
  readonly server?: LocalServerName;
  /** Workers send one read before they start contending (see WorkerConfig.warmUp). */
  readonly warmUp?: boolean;
  /** The workers' `maxWatchedLocks` (0: no memory across calls — the L4 check must then fail). */
  readonly maxWatchedLocks?: number;
  /**
   * Election scenario: the keys are elections (`election/e0`, …) and workers win them with
   * `Election.campaign` (waiting as long as it takes); a grant is a term. The checker's S2 overlap
   * and L1 takeover are then "one valid leader at a time" and "replacement within L1".
   */
  readonly election?: boolean;
  /** Test hook: these workers leave a timer running past close (T1 must flag them). */
  readonly leakTimerWorkers?: readonly number[];
  /** The workers contend for the `keys` permits of one semaphore instead of `keys` locks. */
  readonly semaphore?: boolean;
}

export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly record: RunRecord;
  readonly result: CheckResult;
  readonly faultCounts: Record<string, number>;
  /** Requests per DynamoDB operation. */
  readonly opCounts: Record<string, number>;
  readonly elapsedMs: number;
  /** Monotonic ms when the workers were started: the origin of printed times. */
  readonly origin: number;
}

/** Starts the server (dynalite or moto), the proxy and the workers; lets them contend under faults; stops all; checks. */
export async function runScenario(s: Scenario): Promise<ScenarioRun> {
  const rng = new Prng(s.seed);
  const local = await startLocalServer(s.server ?? 'dynalite');
  const proxy = await FaultProxy.start(local.endpoint, s.faults ?? {}, s.seed ^ 0x2545f491);
  const started = mono();
  const maxMs = s.maxMs ?? (s.durationMs ?? 60_000) + 30_000;
  // A semaphore's permits are its keys (`sem#0` … : the runtime's permit key scheme).
  const keys = Array.from({ length: s.keys }, (_, i) => (s.election ? `election/e${i}` : s.semaphore ? `sem#${i}` : `k${i}`));
  const timing = s.semaphore ? { ...s.timing, permits: s.keys } : s.timing;
  const skews = new Prng(s.seed ^ 0x3c6ef372);
  const callModes = new CallModes(s.timing.shortCalls?.modes ?? []);
  const cluster: Cluster = new Cluster(
    (id): WorkerConfig => ({
      id,
      seed: rng.fork(id + 1).int(0, 2 ** 31),
      endpoint: proxy.endpoint,
      lockTable: 'locks',
      resourceTable: 'resources',
      keys,
      ...timing,
      ...(s.semaphore && { semaphore: 'sem' }),
      skewMs: s.skewMs ? skews.int(-s.skewMs, s.skewMs) : 0,
      ...(s.wallStep && { wallStepEveryMs: s.wallStep.everyMs, wallStepMs: s.wallStep.stepMs }),
      waitMs: 3 * s.timing.leaseMs + 4 * s.timing.pollMs,
      csMs: s.csMs ?? 5,
      thinkMs: s.thinkMs ?? 20,
      holdMs: s.holdMs ?? 0,
      careless: s.careless ?? false,
      ...(s.leakTimerWorkers?.includes(id) && { leakTimer: true }),
      ...(s.maxWatchedLocks !== undefined && { maxWatchedLocks: s.maxWatchedLocks }),
      ...(s.warmUp && { warmUp: true }),
      ...(s.election && { election: true }),
      ...(s.timing.shortCalls && { callMode: callModes.next(id, cluster.live) }),
      ...(s.holdChance !== undefined && s.holdRangeMs && { holdChance: s.holdChance, holdRangeMs: s.holdRangeMs }),
      stopAt: started + maxMs + 10_000,
    }),
  );
  try {
    await createTables(local.endpoint, 'locks', 'resources');
    for (let i = 0; i < s.workers; i++) cluster.spawn();
    await waitUntil(() => cluster.started >= s.workers, 30_000);
    if (s.warmUp) cluster.go();
    const origin = mono();
    const done = () => {
      const elapsed = mono() - origin;
      if (elapsed >= maxMs) return true;
      if (s.grants !== undefined) return cluster.grants >= s.grants;
      return elapsed >= (s.durationMs ?? 0);
    };
    let finished = false;
    const nemesis = s.nemesis
      ? runNemesis(s.nemesis, cluster, proxy.injector, s.seed ^ 0x1b873593, () => finished || done())
      : Promise.resolve();
    const progress = s.progress && setInterval(() => s.progress!(cluster.grants, mono() - origin), s.progressEveryMs ?? 30_000);
    try {
      await waitUntil(done, maxMs + 1_000, 250);
    } finally {
      if (progress) clearInterval(progress);
    }
    finished = true;
    await nemesis;
    await cluster.stop(STOP_GRACE_FACTOR * s.timing.leaseMs + 4_000);
    const record: RunRecord = {
      history: cluster.history,
      applied: inServerOrder(proxy.applied),
      faults: proxy.injector.log,
      params: timing,
    };
    return {
      scenario: s,
      record,
      result: check(record),
      faultCounts: { ...proxy.injector.counts },
      opCounts: { ...proxy.injector.opCounts },
      elapsedMs: mono() - started,
      origin,
    };
  } finally {
    await cluster.stop(1_000);
    await proxy.stop();
    await local.stop();
  }
}

async function waitUntil(ok: () => boolean, timeoutMs: number, everyMs = 50): Promise<void> {
  const end = mono() + timeoutMs;
  while (!ok()) {
    if (mono() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
