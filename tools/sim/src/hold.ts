import { RESOURCES, type Term, type Window } from './properties.ts';
import type { Runtime } from './runtime-bundle.ts';
import type { Job, Scenario } from './scenario.ts';
import type { SimProcess, World } from './world.ts';

/**
 * A Lock of one simulated process's runtime copy (a lock, a permit or a term).
 *
 * @example
 * ```ts
 * const lock: Lock = await clients[0].acquire('k0');
 * ```
 */
export type Lock = InstanceType<Runtime['Lock']>;

/**
 * A LockClient of one simulated process's runtime copy.
 *
 * @example
 * ```ts
 * const client: Client = new runtimes[0].LockClient({ tableName: TABLE, client: network as never });
 * ```
 */
export type Client = InstanceType<Runtime['LockClient']>;

/**
 * What a process's jobs share with the run that checks them: the world, each slot's client and
 * runtime copy, and where grants, windows, terms, losses and violations are recorded.
 *
 * @example
 * ```ts
 * await hold(context, proc, key, lock, job, false);
 * ```
 */
export interface JobContext {
  readonly world: World;
  readonly scenario: Scenario;
  readonly clients: readonly Client[];
  readonly runtimes: readonly Runtime[];
  readonly violations: string[];
  readonly windows: Window[];
  readonly terms: Term[];
  /** A grant (a lock, a permit, a term or an invocation's lock) the job got. */
  granted(proc: SimProcess, what: string, fence: number): void;
  /** A call that failed: the process may have been told an outcome was unknown (L3 allows it a leased item). */
  note(proc: SimProcess, what: string, error: unknown): void;
  /** A loss the process was told of (L2). */
  lost(proc: SimProcess, key: string, reason: string): void;
  /** Processes inside a `release()` of their job's lock: a loss then is not L2's (the holder was giving it up). */
  readonly releasing: Set<string>;
}

/**
 * Holds `lock` for the job's slices of work, checking validity around each and recording every
 * span it was valid at both ends (the S2 and SN windows), with a fenced write per slice when the
 * job asks; a nested reentrant hold when asked (locks only). Then releases it, unless `keep`
 * (the process ends with close({ release: false }), or `Election.lead` resigns the term itself),
 * and checks the process has no timer left.
 *
 * @example
 * ```ts
 * await hold(context, proc, 'k0', lock, job, false);
 * ```
 */
export async function hold(context: JobContext, proc: SimProcess, key: string, lock: Lock, job: Job, keep: boolean): Promise<void> {
  const { world, violations, windows } = context;
  const client = context.clients[proc.slot]!;
  const runtime = context.runtimes[proc.slot]!;
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
  context.releasing.add(proc.name);
  await lock.release().catch((error: unknown) => context.note(proc, `release ${key}`, error));
  context.releasing.delete(proc.name);
  // The job's lock is over (released, or lost and release() returned): it holds no timer now, and
  // nothing else of this process is pending (jobs run one at a time; its own sleeps are done).
  if (proc.timers.size > 0)
    violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after its ${key} lock ended (${lock.state})`);
}

type Middleware = { before(request: unknown): Promise<unknown>; after(request: unknown): Promise<void> };
const middlewares = new WeakMap<Client, Middleware>();

/**
 * One Lambda invocation through the real withLock middleware: before, the handler's work, after.
 *
 * @example
 * ```ts
 * await invoke(context, proc, 'k0', job);
 * ```
 */
export async function invoke(context: JobContext, proc: SimProcess, key: string, job: Job): Promise<void> {
  const { violations } = context;
  const client = context.clients[proc.slot]!;
  const runtime = context.runtimes[proc.slot]!;
  let middleware = middlewares.get(client);
  if (!middleware) {
    middleware = runtime.withLock((event: { key: string }) => event.key, { client, deadlineMarginMs: 100 }) as never as Middleware;
    middlewares.set(client, middleware);
  }
  const end = proc.monotonicNow() + job.timeoutMs;
  const lambdaContext = { getRemainingTimeInMillis: () => Math.max(0, Math.floor(end - proc.monotonicNow())) };
  const request = { event: { key }, context: lambdaContext, response: undefined, error: undefined, internal: {} };
  try {
    await middleware.before(request);
  } catch (error) {
    context.note(proc, `invocation on ${key} refused`, error);
    if (proc.timers.size > 0)
      violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after its invocation on ${key} was refused`);
    return;
  }
  const view = (request as unknown as { context: { lock: { isValid(): boolean; fence: number } } }).context.lock;
  context.granted(proc, `invocation holds ${key}`, view.fence);
  for (let slice = 0; slice < job.slices && view.isValid(); slice++) await proc.sleep(job.sliceMs);
  // A loss (or the deadline) fails the invocation: the process is told, and the item may stay a lease.
  await middleware.after(request).catch((error: unknown) => context.note(proc, `invocation on ${key} ended`, error));
  if (proc.timers.size > 0)
    violations.push(`L3: ${proc.timers.size} timer(s) of ${proc.name} still set after its invocation on ${key} ended`);
}
