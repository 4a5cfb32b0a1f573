import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { type Applied, SimNetworkClient } from './network.ts';
import {
  checkFences,
  checkNothingLeaked,
  checkRequestCounts,
  checkWindows,
  type FenceRecreations,
  RESOURCES,
  TABLE,
  TTL_RETENTION_MS,
  type Window,
} from './properties.ts';
import type { Runtime } from './runtime-bundle.ts';
import { isCalm, type Job, type Scenario } from './scenario.ts';
import { SimProcess, World } from './world.ts';

type Lock = InstanceType<Runtime['Lock']>;
type Client = InstanceType<Runtime['LockClient']>;

/** What one run found: the violated properties (empty when all held) and what it did. */
export interface RunResult {
  readonly violations: string[];
  readonly timeline: readonly string[];
  readonly grants: number;
  readonly virtualMs: number;
  readonly events: number;
  readonly recreations: FenceRecreations;
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
 *   grants of one key overlap in true time (clock rates within ±1 %, the margin 10 %);
 * - **reentrancy**: a nested acquire of a valid grant is the same handle, and releasing it leaves
 *   the outer hold held;
 * - **L2** (calm scenarios: no faults, pauses, crashes or drift): no lock is ever lost;
 * - **L3**: every program ends (no wait outlives its bound), and afterwards a fresh client takes
 *   every key within a lease and a half of waiting (no leaked lock); with no crash, no timer is
 *   left in any process after `close()`;
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
  const calm = isCalm(scenario);
  const procs = scenario.processes.map(
    (plan, i) => new SimProcess(world, i, `p${i}`, { skewMs: plan.skewMs, drift: plan.drift, seed: scenario.seed + i + 1 }),
  );
  globalThis.__ddbLockSim = procs;
  const clients: Client[] = [];
  const networks: SimNetworkClient[] = [];
  const middlewares: { before(request: unknown): Promise<unknown>; after(request: unknown): Promise<void> }[] = [];
  const finished = new Set<number>();
  let grants = 0;
  let lost = 0;
  /** Processes told an outcome was unknown (LockUnavailableError and the like): they may leave an item behind for a lease. */
  const uncertain = new Set<string>();
  const note = (proc: SimProcess, what: string, error: unknown) => {
    const name = (error as Error)?.name;
    if (name !== 'LockBusyError') uncertain.add(proc.name);
    world.log(() => `${proc.name} ${what}: ${name}`);
  };

  scenario.processes.forEach((plan, i) => {
    const proc = procs[i]!;
    const network = new SimNetworkClient(world, proc, ddb, scenario.faults, applied);
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
    const runtime = runtimes[i]!;
    for (const [j, job] of jobs.entries()) {
      const key = `k${job.key}`;
      const keep = abandon && j === jobs.length - 1;
      if (job.call === 'lambda') {
        await invoke(proc, runtime, key, job);
        await proc.sleep(job.idleMs);
        continue;
      }
      let lock: Lock | undefined;
      try {
        const options = { deleteOnRelease: job.deleteOnRelease, onLost: (e: { reason: string }) => lostEvent(proc, key, e.reason) };
        lock = job.call === 'try' ? await client.tryAcquire(key, options) : await client.acquire(key, { ...options, waitMs: job.waitMs });
      } catch (error) {
        note(proc, `acquire ${key} failed`, error);
      }
      if (lock) {
        grants++;
        world.log(() => `${proc.name} holds ${key} fence ${lock.fence}`);
        await hold(proc, runtime, key, lock, job, keep);
      } else if (job.call === 'try') world.log(() => `${proc.name} tryAcquire ${key}: busy`);
      await proc.sleep(job.idleMs);
    }
    await client.close({ release: !abandon }).catch((error: unknown) => note(proc, 'close', error));
    world.log(() => `${proc.name} closed${abandon ? ' without releasing' : ''}`);
    if (abandon) {
      // close({ release: false }) stops every lock's timers at once: once the requests already in
      // flight are answered, nothing of the client may be left scheduled.
      while (networks[i]!.inFlight > 0) await proc.sleep(5);
      if (proc.timers.size > 0)
        violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after close({ release: false })`);
    }
  }

  async function hold(proc: SimProcess, runtime: Runtime, key: string, lock: Lock, job: Job, keep: boolean): Promise<void> {
    const client = clients[proc.slot]!;
    let inner: Lock | undefined;
    if (job.nested && lock.isValid()) {
      inner = await client.acquire(key, { reentrant: true, waitMs: 0 }).catch(() => undefined);
      if (inner && inner !== lock && lock.state === 'held')
        violations.push(`reentrancy: ${proc.name}'s nested acquire of ${key} returned another handle`);
    }
    for (let slice = 0; slice < job.slices; slice++) {
      if (!lock.isValid()) break;
      const start = world.now;
      if (job.fencedWrites) {
        const update = {
          TableName: RESOURCES,
          Key: { pk: { S: key } },
          UpdateExpression: 'SET #w = :w',
          ExpressionAttributeNames: { '#w': 'writer' },
          ExpressionAttributeValues: { ':w': { S: `${proc.name}@${lock.fence}` } },
        };
        await runtime
          .fencedWrite(lock, { update })
          .catch((error: unknown) => world.log(() => `${proc.name} fenced write: ${(error as Error).name}`));
      }
      await proc.sleep(job.sliceMs);
      if (!lock.isValid()) break;
      windows.push({ key, owner: proc.name, fence: lock.fence, start, end: world.now });
    }
    if (inner) {
      const wasValid = lock.isValid();
      await inner.release().catch(() => undefined);
      if (wasValid && lock.holdCount === 0 && lock.state !== 'lost') {
        violations.push(`reentrancy: releasing ${proc.name}'s nested hold of ${key} ended the outer hold (${lock.state})`);
      }
    }
    if (keep) return;
    await lock.release().catch((error: unknown) => note(proc, `release ${key}`, error));
    // The job's lock is over (released, or lost and release() returned): it holds no timer now, and
    // nothing else of this process is pending (jobs run one at a time; its own sleeps are done).
    if (proc.timers.size > 0)
      violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after its ${key} lock ended (${lock.state})`);
  }

  /** One Lambda invocation through the real withLock middleware: before, the handler's work, after. */
  async function invoke(proc: SimProcess, runtime: Runtime, key: string, job: Job): Promise<void> {
    const client = clients[proc.slot]!;
    middlewares[proc.slot] ??= runtime.withLock((event: { key: string }) => event.key, { client, deadlineMarginMs: 100 }) as never;
    const middleware = middlewares[proc.slot]!;
    const end = proc.monotonicNow() + job.timeoutMs;
    const context = { getRemainingTimeInMillis: () => Math.max(0, Math.floor(end - proc.monotonicNow())) };
    const request = { event: { key }, context, response: undefined, error: undefined, internal: {} } as never as Parameters<
      typeof middleware.before
    >[0];
    try {
      await middleware.before(request);
    } catch (error) {
      note(proc, `invocation on ${key} refused`, error);
      if (proc.timers.size > 0)
        violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after its invocation on ${key} was refused`);
      return;
    }
    const view = (request as unknown as { context: { lock: { isValid(): boolean; fence: number } } }).context.lock;
    grants++;
    world.log(() => `${proc.name} invocation holds ${key} fence ${view.fence}`);
    for (let slice = 0; slice < job.slices && view.isValid(); slice++) await proc.sleep(job.sliceMs);
    // A loss (or the deadline) fails the invocation: the process is told, and the item may stay a lease.
    await middleware.after(request).catch((error: unknown) => note(proc, `invocation on ${key} ended`, error));
    if (proc.timers.size > 0)
      violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after its invocation on ${key} ended`);
  }

  function lostEvent(proc: SimProcess, key: string, reason: string): void {
    // `closed` is the program's own close({ release: false }), not a loss.
    if (reason !== 'closed') lost++;
    world.log(() => `${proc.name} lost ${key} (${reason})`);
  }

  // S2, monitored: after every event, at most one grant of each key is valid in any live process.
  const overlaps = new Set<string>();
  world.afterEvent = () => {
    const valid = new Map<string, { owner: string; fence: number }>();
    clients.forEach((client, i) => {
      if (procs[i]!.crashed) return;
      for (const lock of client.heldLocks) {
        if (!lock.isValid()) continue;
        const other = valid.get(lock.key);
        if (other && other.fence !== lock.fence) {
          const who = `${other.owner} (fence ${other.fence}) and ${procs[i]!.name} (fence ${lock.fence})`;
          const what = `S2: ${who} both hold ${lock.key} validly at ${world.now.toFixed(1)}`;
          if (!overlaps.has(lock.key)) violations.push(what);
          overlaps.add(lock.key);
        }
        valid.set(lock.key, { owner: procs[i]!.name, fence: lock.fence });
      }
    });
  };
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
  // After close(): nothing of a process that did not crash may still be scheduled.
  for (const proc of procs) {
    if (!proc.crashed && proc.timers.size > 0) violations.push(`L3: ${proc.timers.size} timer(s) left in ${proc.name} after close()`);
  }
  const offsetOf = (from: string, at: number) => {
    const p = procs.find((q) => q.name === from);
    return p ? at * p.clock.drift + p.clock.skewMs : 0;
  };
  const recreations: FenceRecreations = { increasing: 0, decreasing: 0 };
  checkFences(applied, offsetOf, violations, recreations);
  checkWindows(windows, violations);
  if (calm && lost > 0) violations.push(`L2: ${lost} lock(s) lost in a calm scenario (no faults, pauses, crashes or drift)`);
  if (calm) checkRequestCounts(scenario, applied, violations);
  await checkNothingLeaked(runtimes, scenario, world, ddb, violations);
  return { violations, timeline: world.timeline, grants, virtualMs: world.now, events: world.events, recreations };
}
