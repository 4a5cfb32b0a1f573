import { randomUUID } from 'node:crypto';
import { type AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { configurationCheck } from '../configuration.js';
import { DEFAULTS } from '../defaults.js';
import { LockAbortedError, LockBusyError, LockCloseError, LockValidationError } from '../errors.js';
import { cappedLease } from '../lock/lease.js';
import { Lock } from '../lock/lock.js';
import { lockInternals } from '../lock/lock-internals.js';
import type { AcquireGrounds } from '../protocol/acquire-request.js';
import type { LockInfo } from '../protocol/lock-info.js';
import { keyOf, type LockKey, lockKey } from '../protocol/lock-key.js';
import { LockProtocol } from '../protocol/lock-protocol.js';
import { permitOf } from '../protocol/permit-key.js';
import { backoffMs, sleep } from '../protocol/sleep.js';
import { checkData, checkDuration, checkKnownKeys, checkSignal } from '../validate.js';
import { VERSION } from '../version.js';
import { ACQUIRE_OPTION_NAMES, type AcquireOptions } from './acquire-options.js';
import { acquireReporter, takeoverKind, type WaitResult } from './acquire-outcome.js';
import { checkLockKey } from './check-lock-key.js';
import { registerClientInternals } from './client-internals.js';
import { defaultOwnerName } from './default-owner-name.js';
import { GrantPaces } from './grant-pace.js';
import { joinHeldLock } from './join-held-lock.js';
import { checkTiming, type LockClientOptions, type ResolvedClientOptions, resolveClientOptions } from './lock-client-options.js';
import { takeoverInMs } from './takeover-in.js';
import { WaitQueue, type WaitQueueSettings } from './wait-queue.js';
import { nextWatch, type Watch, WatchMemory, watchRemainingMs } from './watch-memory.js';

export type { AcquireOptions } from './acquire-options.js';

/**
 * Distributed locks on one DynamoDB table. Acquire is one conditional write when the lock is
 * free; release and each heartbeat are one conditional write; every grant carries a fencing token.
 *
 * @example
 * ```ts
 * const client = new LockClient({ tableName: 'locks' });
 * await using lock = await client.acquire('customer-42', { waitMs: 10_000 });
 * await chargeCustomer({ fence: lock.fence, signal: lock.signal });
 * ```
 */
export class LockClient {
  /** Owner identity this client writes into the items it holds. */
  readonly ownerName: string;
  // Module-private (see clientInternals): the admin functions and the Lambda integrations reach
  // them there; they are no member of the public API.
  readonly #options: ResolvedClientOptions;
  readonly #ddb: DynamoDBClient;
  readonly #protocol: LockProtocol;
  readonly #held = new Set<Lock>();
  /** What this client has watched, across calls (see {@link WatchMemory}). */
  readonly #watches: WatchMemory;
  /** How fast each lock changed hands, as this client saw it: paces fair waiters' polls. */
  readonly #paces: GrantPaces;
  /** Numbers acquire calls for observers (their events interleave). */
  private acquireIds = 0;
  private closed = false;

  constructor(options: LockClientOptions) {
    // The constructor's options are the deployment's configuration, not a caller's input.
    this.#options = configurationCheck(() => resolveClientOptions(options));
    // Our own retries are deadline-aware (see sendWithDeadline); the SDK's would only pace them.
    // `ddb-lock/<version>` in the user agent lets AWS (and CloudTrail readers) tell our requests apart.
    this.#ddb = options.client ?? new DynamoDBClient({ maxAttempts: 1, customUserAgent: [['ddb-lock', VERSION]] });
    this.#protocol = new LockProtocol(this.#ddb, this.#options);
    this.ownerName = this.#options.ownerName ?? defaultOwnerName();
    this.#watches = new WatchMemory(this.#options.maxWatchedLocks);
    this.#paces = new GrantPaces(this.#options.maxWatchedLocks);
    const tryPermit = (key: string, options: AcquireOptions, permits: number) => this.tryPermit(key, options, permits);
    registerClientInternals(this, { options: this.#options, protocol: this.#protocol, watches: this.#watches, tryPermit });
  }

  /** The DynamoDB client in use (to send your own requests with it, or to destroy it when done). */
  get dynamoDb(): DynamoDBClient {
    return this.#ddb;
  }

  /** The DynamoDB primary key of a lock in this client's table. */
  keyOf(lock: LockKey): Record<string, AttributeValue> {
    return keyOf(this.#options, lock);
  }

  /** Locks this client holds now. */
  get heldLocks(): readonly Lock[] {
    return [...this.#held];
  }

  /**
   * Acquires `key`, waiting up to `waitMs` with backoff and jitter while someone else holds it.
   * A holder that stops heartbeating is taken over once this client has seen its record version
   * unchanged for a full lease on its monotonic clock — counted across calls, so short waits and
   * `tryAcquire` loops add up — or, with `trustWallClock`, once its expiry plus the skew bound has
   * passed. Throws LockBusyError (with `retryAfterMs`) when the wait ends, LockAbortedError on abort.
   * With `reentrant`, a key this client holds is joined instead: see {@link AcquireOptions.reentrant}.
   */
  async acquire(key: string, options: AcquireOptions = {}): Promise<Lock> {
    this.checkAcquire(key, options);
    const joined = joinHeldLock(this.#held, key, options);
    if (joined) return joined;
    const waitMs = options.waitMs ?? DEFAULTS.waitMs(this.leaseOf(options), options.pollMs ?? this.#options.pollMs);
    const result = await this.acquireLoop(key, options, waitMs);
    if ('lock' in result) return result.lock;
    const { holder, retryAfterMs, waitersAhead } = result;
    const queued = waitersAhead ? ` behind ${waitersAhead} waiting` : '';
    const message =
      `lock ${key} is held by ${holder?.owner ?? 'someone else'}${queued}; if that holder stopped now, the lock could be taken in` +
      ` ${Math.ceil(retryAfterMs)} ms (a live holder may release it sooner)`;
    throw new LockBusyError(message, key, holder?.owner, {
      ...(holder && { holderInfo: holder }),
      retryAfterMs,
      ...(waitersAhead !== undefined && { waitersAhead }),
    });
  }

  /**
   * One attempt, never waits: the lock, or `undefined` when someone else holds it. What it sees
   * is remembered, so a loop of `tryAcquire` calls takes over a dead holder once, together, they
   * have watched its record version for a full lease.
   */
  async tryAcquire(key: string, options: Omit<AcquireOptions, 'waitMs'> = {}): Promise<Lock | undefined> {
    this.checkAcquire(key, options);
    if ('waitMs' in options) throw new LockValidationError('tryAcquire does not wait: drop waitMs');
    const joined = joinHeldLock(this.#held, key, options);
    if (joined) return joined;
    const result = await this.acquireLoop(key, options, 0);
    return 'lock' in result ? result.lock : undefined;
  }

  /**
   * Stops every heartbeat and, with `release` (default), releases every held lock — all of them
   * even when some releases fail (then LockCloseError with an AggregateError cause). Returns at
   * once when nothing is held: no sleeping timers to join.
   */
  async close(options: { release?: boolean } = {}): Promise<void> {
    checkKnownKeys('close options', options, ['release']);
    this.closed = true;
    const locks = [...this.#held];
    if (options.release === false) {
      for (const lock of locks) lockInternals(lock).markLost('closed');
      return;
    }
    const results = await Promise.allSettled(locks.map((lock) => lockInternals(lock).releaseAll()));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      throw new LockCloseError(`${failures.length} of ${locks.length} locks could not be released`, {
        cause: new AggregateError(failures, 'release failures'),
      });
    }
  }

  /**
   * One attempt at a semaphore permit (see ClientInternals.tryPermit): tryAcquire's path, with
   * the semaphore's size written on the item and required of it.
   */
  private tryPermit(key: string, options: AcquireOptions, permits: number): Promise<WaitResult> {
    this.checkAcquire(key, options);
    return this.acquireLoop(key, options, 0, permits);
  }

  /** The wait, with whatever ends it once the caller's signal aborted reported as LockAbortedError. */
  private async acquireLoop(key: string, options: AcquireOptions, waitMs: number, permits?: number): Promise<WaitResult> {
    const { observers, clock } = this.#options;
    const target = lockKey(key, options.sortKey);
    const permit = permits !== undefined ? permitOf(target) : undefined;
    const report = observers.length > 0 ? acquireReporter(observers, clock, ++this.acquireIds, target, waitMs, permit) : undefined;
    try {
      const result = await this.waitForLock(key, options, waitMs, report?.queued, permits);
      report?.outcome(result);
      return result;
    } catch (error) {
      // Aborted in a sleep, a poll or a write: the caller's signal, not a transport error.
      const failure = options.signal?.aborted ? new LockAbortedError(`waiting for lock ${key} was aborted`, { cause: error }) : error;
      report?.failed(failure);
      throw failure;
    }
  }

  /**
   * The wait, with this call's place in the waiter queue given up when it ends without the lock.
   * A semaphore permit (`permits`) never queues: the semaphore picks a free permit instead.
   */
  private async waitForLock(
    key: string,
    options: AcquireOptions,
    waitMs: number,
    onQueued?: WaitQueueSettings['onQueued'],
    permits?: number,
  ): Promise<WaitResult> {
    const target = lockKey(key, options.sortKey);
    const pollMs = options.pollMs ?? this.#options.pollMs;
    const fair = permits === undefined && (options.fair ?? DEFAULTS.fair);
    const queue = fair ? this.waitQueue(target, pollMs, onQueued) : undefined;
    try {
      const result = await this.waitTurns(target, options, waitMs, pollMs, queue, permits);
      if (!('lock' in result)) await queue?.leave().catch(() => undefined);
      return result;
    } catch (error) {
      await queue?.leave().catch(() => undefined);
      throw error;
    }
  }

  private waitQueue(target: LockKey, pollMs: number, onQueued: WaitQueueSettings['onQueued']): WaitQueue {
    const { clock, maxSkewMs } = this.#options;
    const settings = {
      clock,
      pollMs,
      placeMs: DEFAULTS.placeMs(pollMs),
      skewMs: maxSkewMs ?? DEFAULTS.placeSkewMs,
      maxWaiters: DEFAULTS.maxWaiters,
      onQueued,
    };
    const pace = this.#paces.of(`${target.key}\u0000${target.sortKey ?? ''}`);
    return new WaitQueue(this.#protocol, target, this.ownerName, settings, pace);
  }

  private async waitTurns(
    target: LockKey,
    options: AcquireOptions,
    waitMs: number,
    pollMs: number,
    queue?: WaitQueue,
    permits?: number,
  ): Promise<WaitResult> {
    const { clock } = this.#options;
    const leaseMs = this.leaseOf(options);
    const started = clock.monotonicNow();
    const deadline = started + waitMs;
    // Every record version we sent, with its send time: a write whose response was lost is
    // recognised later as ours, and its validity counted from when it was sent.
    const sentVersions = new Map<string, number>();
    // Seeded from earlier calls: a version first seen by an earlier call keeps that sighting.
    let watched = this.#watches.get(target);
    let holder: LockInfo | undefined;
    // A hot key (others queued when this client last looked): join first, then acquire in turn.
    // (Not for a reentrant call: its first write takes its own held lock whatever the queue.)
    let needWrite = !(queue?.expectsQueue && waitMs > 0 && !options.reentrant);
    let writes = 0;
    let contended = false;
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      if (needWrite) {
        const grounds: AcquireGrounds & { permits?: number } = {
          ...(watched && watchRemainingMs(watched, clock.monotonicNow()) <= 0 && { observedRecordVersion: watched.recordVersion }),
          ...(options.reentrant && { reentrant: true }),
          ...(this.#options.maxSkewMs !== undefined && { expiredBefore: clock.wallNow() - this.#options.maxSkewMs }),
          ...(permits !== undefined && { permits }),
        };
        const recordVersion = randomUUID();
        sentVersions.set(recordVersion, clock.monotonicNow());
        writes++;
        const lease = cappedLease(leaseMs, options.maxLeaseMs);
        const outcome = await this.attempt(target, options, lease, recordVersion, grounds, sentVersions, queue?.fairness());
        if (outcome.acquired) {
          queue?.observe(outcome.info, clock.monotonicNow()); // remembers whether others queue
          this.#watches.forget(target);
          const takeover = takeoverKind(grounds, holder, outcome.created ?? false);
          return { lock: this.adopt(outcome.info, outcome.sentAt, leaseMs, options), attempts: writes, contended, takeover };
        }
        holder = outcome.holder;
      } else if (queue) {
        holder = await queue.poll(deadline > clock.monotonicNow(), options.signal);
      } else {
        holder = await this.#protocol.read(target, options.signal);
      }
      const observedAt = clock.monotonicNow();
      queue?.observe(holder, observedAt);
      contended ||= holder !== undefined && !holder.released;
      watched = nextWatch(watched, holder, observedAt);
      this.#watches.remember(target, watched);
      const eligibleIn = this.eligibleIn(holder, watched, options, observedAt);
      // While a live holder has it, poll with a ConsistentRead and write only when the lock
      // looks free (released, absent, watched for a lease, or expired in fast mode): a strongly
      // consistent read costs a fifth of a write on DynamoDB, and on servers that omit the holder
      // on a failed condition (dynalite) a write-poll would cost a write *and* a read.
      // Fair waiting: only the queue's head (or anyone while nobody queues) writes.
      needWrite = eligibleIn <= 0 && (queue?.mayTake() ?? true);
      const remaining = deadline - observedAt;
      if (remaining <= 0 && !queue?.worthAnotherTry(eligibleIn <= 0)) {
        return {
          holder,
          retryAfterMs: Math.max(0, this.retryAfterMs(holder, eligibleIn)),
          attempts: writes,
          ...(queue && { waitersAhead: queue.waitersAhead }),
        };
      }
      let backoff = eligibleIn <= 0 ? backoffMs(0, 10, 10) : Math.min(eligibleIn, backoffMs(attempt, pollMs / 4, pollMs));
      if (queue) {
        // Not our turn: a free lock is no reason to hurry; pace by the queue.
        const untilEligible = queue.mayTake() ? eligibleIn : Number.POSITIVE_INFINITY;
        const fallback = Math.min(untilEligible, backoffMs(attempt, pollMs / 4, pollMs));
        const urgent = needWrite || queue.urgent(remaining > 0, eligibleIn <= 0);
        backoff = urgent ? 0 : Math.min(untilEligible, queue.pauseMs(observedAt, fallback));
      }
      const pause = Math.min(Math.max(0, remaining), backoff);
      await sleep(pause, options.signal);
      if (clock.monotonicNow() >= deadline) needWrite = queue?.mayTake() ?? true; // last chance before giving up
    }
  }

  /**
   * `LockBusyError.retryAfterMs`: how long until the lock could be taken if its holder died now.
   * In wall-clock mode that is `expiresAt + maxSkewMs`, the rule every caller in that mode goes
   * by — also a new process or Lambda environment that has watched nothing. Its own watch could
   * let this client in sooner, but a Retry-After sent to a client reaches any caller.
   * Skew-free, it is the rest of this client's watch (`eligibleIn`).
   */
  private retryAfterMs(holder: LockInfo | undefined, eligibleIn: number): number {
    const { maxSkewMs, clock } = this.#options;
    if (maxSkewMs === undefined || eligibleIn <= 0 || !holder || holder.released) return eligibleIn;
    return holder.expiresAt + maxSkewMs - clock.wallNow() + 1;
  }

  /** Ms until an attempt could succeed on what we know; ≤ 0 means try now. */
  private eligibleIn(holder: LockInfo | undefined, watched: Watch | undefined, options: AcquireOptions, now: number): number {
    const { maxSkewMs, clock } = this.#options;
    const rule = { ownerName: this.ownerName, reentrant: options.reentrant, maxSkewMs, wallNow: clock.wallNow() };
    return takeoverInMs(holder, watched, rule, now);
  }

  private attempt(
    lockKey: LockKey,
    options: AcquireOptions,
    leaseMs: number,
    recordVersion: string,
    grounds: AcquireGrounds & { permits?: number },
    sentVersions: ReadonlyMap<string, number>,
    fair?: { place?: string },
  ) {
    return this.#protocol.acquire(
      lockKey,
      {
        owner: this.ownerName,
        recordVersion,
        leaseMs,
        replaceData: options.replaceData ?? DEFAULTS.replaceData,
        ...(options.data !== undefined && { data: options.data }),
        ...grounds,
        ...(fair && { fair }),
      },
      sentVersions,
      options.signal,
    );
  }

  private adopt(info: LockInfo, sentAt: number, requestedLeaseMs: number, options: AcquireOptions): Lock {
    for (const old of this.#held) {
      if (old.key === info.key && old.sortKey === info.sortKey) lockInternals(old).markLost('superseded');
    }
    const lock = new Lock({
      protocol: this.#protocol,
      info,
      sentAt,
      requestedLeaseMs,
      deleteOnRelease: options.deleteOnRelease ?? DEFAULTS.deleteOnRelease,
      autoHeartbeat: options.autoHeartbeat ?? DEFAULTS.autoHeartbeat,
      ...(options.renewWhile && { renewWhile: options.renewWhile }),
      ...(options.maxLeaseMs && { maxLeaseMs: options.maxLeaseMs }),
      onClosed: (l) => this.#held.delete(l),
    });
    if (options.onLost) lock.on('lost', options.onLost);
    if (options.onDanger) lock.on('danger', options.onDanger);
    this.#held.add(lock);
    return lock;
  }

  private leaseOf(options: AcquireOptions): number {
    return options.leaseMs ?? this.#options.leaseMs;
  }

  private checkAcquire(key: string, options: AcquireOptions): void {
    if (this.closed) throw new LockValidationError('LockClient is closed');
    checkKnownKeys('acquire options', options, ACQUIRE_OPTION_NAMES);
    checkLockKey(this.#options.sortKeyName, key, options.sortKey);
    checkDuration('waitMs', options.waitMs, true);
    checkDuration('pollMs', options.pollMs);
    checkDuration('leaseMs', options.leaseMs);
    checkSignal('signal', options.signal);
    checkData('data', options.data);
    for (const flag of ['replaceData', 'reentrant', 'deleteOnRelease', 'autoHeartbeat', 'fair'] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new LockValidationError(`${flag} must be a boolean`);
    }
    for (const fn of ['onLost', 'onDanger', 'renewWhile', 'maxLeaseMs'] as const) {
      if (options[fn] !== undefined && typeof options[fn] !== 'function') throw new LockValidationError(`${fn} must be a function`);
    }
    if (options.leaseMs !== undefined) {
      const { heartbeatMs, safetyMarginMs } = this.#options;
      checkTiming(options.leaseMs, heartbeatMs, safetyMarginMs);
    }
  }
}
