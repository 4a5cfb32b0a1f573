import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { DEFAULTS } from '../../../runtime/src/defaults.ts';
import { type Client, hold, invoke, type JobContext, type Lock } from './hold.ts';
import { checkLosses, type Loss } from './losses.ts';
import { beliefMonitor } from './monitors.ts';
import { type Applied, SimNetworkClient } from './network.ts';
import { electionJob, permitJob } from './primitive-jobs.ts';
import {
  checkFences,
  checkPermitWindows,
  checkRequestCounts,
  checkTerms,
  checkTtl,
  checkWindows,
  type FenceRecreations,
  RESOURCES,
  TABLE,
  type Term,
  TTL_RETENTION_MS,
  type Window,
} from './properties.ts';
import type { Runtime } from './runtime-bundle.ts';
import { ELECTION_CALLS, isCalm, type Job, PERMIT_CALLS, type Scenario } from './scenario.ts';
import { type SkewExcuse, skewExcuse } from './skew-bound.ts';
import { checkTakeovers } from './takeover.ts';
import { SimProcess, World } from './world.ts';

/** What one run found: the violated properties (empty when all held) and what it did. */
export interface RunResult {
  readonly violations: string[];
  readonly timeline: readonly string[];
  readonly grants: number;
  readonly virtualMs: number;
  readonly events: number;
  readonly recreations: FenceRecreations;
  /** Whether the fast mode's skew bound, broken, excused an overlap of beliefs or a loss (skew-bound.ts). */
  readonly outsideSkewBound: boolean;
}

declare global {
  // The slot environments the runtime copies read (sim-globals.js).
  var __ddbLockSim: SimProcess[];
}

/**
 * Runs one scenario on `runtimes` (one runtime copy per process slot) and checks, on what the
 * server applied and what each process saw:
 * - **S1**: the fences of the grants the server applied, per key in apply order, strictly increase,
 *   and every accepted fenced write carries the largest fence its resource has seen;
 * - **S2**: no two processes' validity windows (a lock checked valid at both ends) of different
 *   grants of one key overlap in true time (clock rates within ±4 %, the margin 10 %; in fast
 *   mode, while the wall clocks are within the skew bound: skew-bound.ts);
 * - **reentrancy**: a nested acquire of a valid grant is the same handle, and releasing it leaves
 *   the outer hold held;
 * - **SN**: at no instant (monitored after every event, and over the windows) are more than N
 *   permits of one semaphore believed valid;
 * - **SE**: at no instant do two candidates of one election believe themselves leader, and each
 *   term a candidate believed when elected has a fence above every earlier such term's;
 * - **L1, L4**: a fresh client, waiting or trying like a cron job, takes what the run left behind
 *   within its bound and never early (takeover.ts);
 * - **L2**: in calm scenarios no lock is ever lost; under faults each loss is explained by a fault
 *   of its own process's (losses.ts);
 * - **L3**: every program ends (no wait outlives its bound); with no crash, no timer is left in any
 *   process after `close()`, no held lock listed and no request sent after it returns; every item
 *   comes free afterwards;
 * - **TTL**: once the retention has passed, every item is gone (the model's TTL sweep reads `ttl`
 *   as epoch seconds, as DynamoDB does);
 * - **request counts** (calm): an uncontended grant held shorter than a heartbeat costs exactly
 *   two writes (acquire, release).
 *
 * @example
 * ```ts
 * const { violations, timeline } = await runScenario(runtimes, scenario);
 * ```
 */
export async function runScenario(runtimes: readonly Runtime[], scenario: Scenario, logging = false): Promise<RunResult> {
  const world = new World(scenario.seed);
  world.logging = logging;
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable(TABLE, { partitionKeyName: 'pk' });
  ddb.model.createTable(RESOURCES, { partitionKeyName: 'pk' });
  const applied: Applied[] = [];
  const violations: string[] = [];
  const windows: Window[] = [];
  const terms: Term[] = [];
  const calm = isCalm(scenario);
  const procs = scenario.processes.map(
    (plan, i) => new SimProcess(world, i, `p${i}`, { skewMs: plan.skewMs, drift: plan.drift, seed: scenario.seed + i + 1 }),
  );
  globalThis.__ddbLockSim = procs;
  const clients: Client[] = [];
  const networks: SimNetworkClient[] = [];
  const finished = new Set<number>();
  let grants = 0;
  let lost = 0;
  const losses: Loss[] = [];
  /** Requests each process had sent when its close() returned: none may follow. */
  const sentByClose = new Map<number, number>();
  /** Processes told an outcome was unknown (LockUnavailableError and the like): they may leave an item behind for a lease. */
  const uncertain = new Set<string>();
  const note = (proc: SimProcess, what: string, error: unknown) => {
    const name = (error as Error)?.name;
    if (name !== 'LockBusyError') uncertain.add(proc.name);
    world.log(() => `${proc.name} ${what}: ${name}`);
  };
  const context: JobContext = {
    world,
    scenario,
    clients,
    runtimes,
    violations,
    windows,
    terms,
    note,
    granted: (proc, what, fence) => {
      grants++;
      world.log(() => `${proc.name} ${what} fence ${fence}`);
    },
    releasing: new Set(),
    lost: (proc, key, reason) => {
      // `closed` is the program's own close({ release: false }), not a loss.
      if (reason !== 'closed') lost++;
      losses.push({ owner: proc.name, key, reason, at: world.now, releasing: context.releasing.has(proc.name) });
      world.log(() => `${proc.name} lost ${key} (${reason})`);
    },
  };

  scenario.processes.forEach((plan, i) => {
    const proc = procs[i]!;
    const network = new SimNetworkClient(world, proc, ddb, scenario.faults, applied);
    // L2's bound (lease − heartbeat − margin: 0.65 of a lease by default), halved: a slower answer is a fault.
    const { leaseMs } = scenario;
    network.slowMs = (leaseMs - DEFAULTS.heartbeatMs(leaseMs) - DEFAULTS.safetyMarginMs(leaseMs)) / 2;
    networks.push(network);
    if (plan.partition) {
      const { atMs, forMs } = plan.partition;
      network.partitioned = () => world.now >= atMs && world.now < atMs + forMs;
    }
    const client = new runtimes[i]!.LockClient({
      tableName: TABLE,
      ownerName: proc.name,
      client: network as never,
      leaseMs: scenario.leaseMs,
      ttlRetentionMs: TTL_RETENTION_MS,
      clock: { monotonicNow: () => proc.monotonicNow(), wallNow: () => proc.wallNow() },
      ...(scenario.maxSkewMs !== undefined && { trustWallClock: { maxSkewMs: scenario.maxSkewMs } }),
    });
    clients.push(client);
    if (plan.pause) {
      const { atMs, forMs } = plan.pause;
      world.at(atMs, () => {
        proc.pausedUntil = world.now + forMs;
        world.log(() => `${proc.name} paused for ${forMs} ms`);
      });
    }
    if (plan.crashAtMs !== undefined) {
      world.at(plan.crashAtMs, () => {
        proc.crashed = true;
        world.log(() => `${proc.name} crashed`);
      });
    }
    world.at(
      0,
      () => {
        void program(i, plan.jobs, plan.abandon ?? false).then(
          () => finished.add(i),
          (error: unknown) => {
            violations.push(`${proc.name}'s program failed: ${(error as Error)?.stack ?? String(error)}`);
            finished.add(i);
          },
        );
      },
      proc,
    );
  });

  async function program(i: number, jobs: readonly Job[], abandon: boolean): Promise<void> {
    const proc = procs[i]!;
    const client = clients[i]!;
    for (const [j, job] of jobs.entries()) {
      const key = `k${job.key}`;
      const keep = abandon && j === jobs.length - 1;
      if (job.call === 'lambda') await invoke(context, proc, key, job);
      else if (PERMIT_CALLS.includes(job.call)) await permitJob(context, proc, job, keep);
      else if (ELECTION_CALLS.includes(job.call)) await electionJob(context, proc, job, keep);
      else {
        let lock: Lock | undefined;
        try {
          const options = { deleteOnRelease: job.deleteOnRelease, onLost: (e: { reason: string }) => context.lost(proc, key, e.reason) };
          lock = job.call === 'try' ? await client.tryAcquire(key, options) : await client.acquire(key, { ...options, waitMs: job.waitMs });
        } catch (error) {
          note(proc, `acquire ${key} failed`, error);
        }
        if (lock) {
          context.granted(proc, `holds ${key}`, lock.fence);
          await hold(context, proc, key, lock, job, keep);
        } else if (job.call === 'try') world.log(() => `${proc.name} tryAcquire ${key}: busy`);
      }
      await proc.sleep(job.idleMs);
    }
    await client.close({ release: !abandon }).catch((error: unknown) => note(proc, 'close', error));
    world.log(() => `${proc.name} closed${abandon ? ' without releasing' : ''}`);
    sentByClose.set(i, networks[i]!.sent);
    if (client.heldLocks.length > 0)
      violations.push(`L3: ${proc.name}'s client still lists ${client.heldLocks.length} held lock(s) after close()`);
    if (abandon) {
      // close({ release: false }) stops every lock's timers at once: once the requests already in
      // flight are answered, nothing of the client may be left scheduled.
      while (networks[i]!.inFlight > 0) await proc.sleep(5);
      if (proc.timers.size > 0)
        violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after close({ release: false })`);
    }
  }

  // S2, SN and SE, monitored: after every event, what the live processes believe valid.
  const fastMode = scenario.maxSkewMs !== undefined ? { maxSkewMs: scenario.maxSkewMs, leaseMs: scenario.leaseMs } : undefined;
  const bound = skewExcuse(procs, fastMode);
  let outsideSkewBound = false;
  const excused: SkewExcuse = (a, b, at) => {
    const outside = bound(a, b, at);
    outsideSkewBound ||= outside;
    return outside;
  };
  world.afterEvent = beliefMonitor(world, procs, clients, scenario.permits, violations, excused);
  const horizon = 60 * scenario.leaseMs * Math.max(1, scenario.processes.length);
  const live = () => scenario.processes.every((_, i) => finished.has(i) || procs[i]!.crashed);
  // withLock reports a failed release with console.warn (the lock expires within a lease): into the timeline.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => world.log(() => `warn: ${args.map(String).join(' ').slice(0, 200)}`);
  const ended = await world.run(horizon, live).finally(() => {
    console.warn = warn;
  });
  world.afterEvent = () => undefined;
  if (!ended || !live())
    violations.push(`L3: not every program ended within ${horizon} ms of virtual time (a wait or a retry that never stops)`);

  // After close(), nothing is held in the name of a process that did not crash and was never told
  // an outcome was unknown (a duplicated request may re-apply an acquire after its release).
  if (scenario.faults.duplicate === 0) {
    for (const item of ddb.model.items(TABLE)) {
      const owner = item.owner?.S as string;
      const proc = procs.find((p) => p.name === owner);
      const kept = scenario.processes[proc?.slot ?? 0]?.abandon;
      // withLock reports a release of unknown outcome only in a log line: the network saw it.
      const unknownRelease = proc && networks[proc.slot]!.unknownReleases.has(item.pk.S);
      if (
        proc &&
        !kept &&
        !unknownRelease &&
        !proc.crashed &&
        finished.has(proc.slot) &&
        !uncertain.has(owner) &&
        item.released?.BOOL !== true
      ) {
        violations.push(`L3: ${owner} closed, never told of an unknown outcome, yet ${item.pk.S} is still held in its name`);
      }
    }
  }
  // After close(): nothing of a process that did not crash may still be scheduled, nor have sent anything since.
  for (const proc of procs) {
    if (!proc.crashed && proc.timers.size > 0) violations.push(`L3: ${proc.timers.size} timer(s) left in ${proc.name} after close()`);
    const after = networks[proc.slot]!.sent - (sentByClose.get(proc.slot) ?? Number.POSITIVE_INFINITY);
    if (!proc.crashed && after > 0) violations.push(`L3: ${proc.name} sent ${after} request(s) after its close() returned`);
  }
  const offsetOf = (from: string, at: number) => procs.find((q) => q.name === from)?.wallOffsetAt(at) ?? 0;
  const recreations: FenceRecreations = { increasing: 0, decreasing: 0 };
  checkFences(applied, offsetOf, violations, recreations);
  checkWindows(windows, violations, excused);
  checkPermitWindows(windows, scenario.permits, violations);
  checkTerms(terms, violations);
  if (!calm) checkLosses(losses, scenario, networks, excused, violations);
  if (calm && lost > 0) violations.push(`L2: ${lost} lock(s) lost in a calm scenario (no faults, pauses, crashes or drift)`);
  if (calm) checkRequestCounts(scenario, applied, violations);
  await checkTakeovers(runtimes, scenario, world, ddb, applied, procs, violations);
  checkTtl(world, ddb, violations);
  return { violations, timeline: world.timeline, grants, virtualMs: world.now, events: world.events, recreations, outsideSkewBound };
}
