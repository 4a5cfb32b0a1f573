import { DynamoDBClient, QueryCommand, ScanCommand, type AttributeValue, type QueryCommandOutput, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LockAbortedError, LockBusyError, LockCloseError, LockUnavailableError, LockValidationError } from './errors.js';
import { Lock } from './lock.js';
import { resolveClientOptions, type LockClientOptions, type ResolvedClientOptions } from './lock-client-options.js';
import type { LockInfo } from './lock-info.js';
import { LockProtocol, type AcquireGrounds, type LockKey } from './lock-protocol.js';
import { backoffMs, sleep } from './sleep.js';
import { checkData, checkDuration, checkKnownKeys, checkSignal, checkString, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from './validate.js';
import { ensureTable, type EnsureTableResult } from './ensure-table.js';
import { checkTiming } from './lock-client-options.js';
import type { LockLostError } from './errors.js';
import type { LockDangerEvent } from './lock.js';

/**
 * Options of {@link LockClient.acquire} and {@link LockClient.tryAcquire}.
 *
 * @example
 * ```ts
 * await client.acquire('job', { waitMs: 30_000, data: JSON.stringify({ step: 1 }) });
 * ```
 */
export interface AcquireOptions {
  /** Sort key, required exactly when the table has one. */
  readonly sortKey?: string;
  /** How long to wait for a held lock. `tryAcquire` ignores it. @default leaseMs + pollMs (long enough to take over a dead holder) */
  readonly waitMs?: number;
  /** Longest pause between attempts. @default the client's pollMs */
  readonly pollMs?: number;
  /** Cancels the wait. */
  readonly signal?: AbortSignal;
  /** Application data to store with the lock. */
  readonly data?: string | Uint8Array;
  /** Without new `data`, drop the data left by the previous holder. @default true */
  readonly replaceData?: boolean;
  /** Succeed at once when the item is already owned by this client's owner name. @default false */
  readonly reentrant?: boolean;
  /** Lease of this lock. @default the client's leaseMs */
  readonly leaseMs?: number;
  /** Delete the item on release instead of marking it released. @default false */
  readonly deleteOnRelease?: boolean;
  /** Run heartbeats automatically. @default true */
  readonly autoHeartbeat?: boolean;
  /**
   * Automatic heartbeats run only while this returns true; when it returns false the lock is
   * released instead. The middleware uses it to tie renewal to a live Lambda invocation.
   */
  readonly renewWhile?: () => boolean;
  /** Called once when the lock is lost (also emitted as `lost`). */
  readonly onLost?: (error: LockLostError) => void;
  /** Called when validity nears its end without a confirmed heartbeat (also emitted as `danger`). */
  readonly onDanger?: (event: LockDangerEvent) => void;
}

const ACQUIRE_OPTION_NAMES = [
  'sortKey', 'waitMs', 'pollMs', 'signal', 'data', 'replaceData', 'reentrant', 'leaseMs', 'deleteOnRelease',
  'autoHeartbeat', 'renewWhile', 'onLost', 'onDanger',
] as const;

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
  readonly options: ResolvedClientOptions;
  private readonly ddb: DynamoDBClient;
  private readonly protocol: LockProtocol;
  private readonly held = new Set<Lock>();
  private closed = false;

  constructor(options: LockClientOptions) {
    this.options = resolveClientOptions(options);
    // Our own retries are deadline-aware (see sendWithDeadline); the SDK's would only pace them.
    this.ddb = options.client ?? new DynamoDBClient({ maxAttempts: 1 });
    this.protocol = new LockProtocol(this.ddb, this.options);
    this.ownerName = this.options.ownerName ?? defaultOwnerName();
  }

  /** The DynamoDB client in use (for fenced writes and transactions). */
  get dynamoDb(): DynamoDBClient {
    return this.ddb;
  }

  /** The DynamoDB primary key of a lock in this client's table. */
  keyOf(lock: LockKey): Record<string, AttributeValue> {
    return this.protocol.keyOf(lock);
  }

  /** Locks this client holds now. */
  get heldLocks(): readonly Lock[] {
    return [...this.held];
  }

  /**
   * Acquires `key`, waiting up to `waitMs` with backoff and jitter while someone else holds it.
   * A holder that stops heartbeating is taken over after its record version stays unchanged
   * for a full lease on our monotonic clock (or, with `trustWallClock`, once its expiry plus the
   * skew bound has passed). Throws LockBusyError when the wait ends, LockAbortedError on abort.
   */
  async acquire(key: string, options: AcquireOptions = {}): Promise<Lock> {
    this.checkAcquire(key, options);
    const result = await this.acquireLoop(key, options, options.waitMs ?? this.leaseOf(options) + (options.pollMs ?? this.options.pollMs));
    if ('lock' in result) return result.lock;
    throw new LockBusyError(`lock ${key} is held by ${result.holder?.owner ?? 'someone else'}`, key, result.holder?.owner);
  }

  /** One attempt, never waits: the lock, or `undefined` when someone else holds it. */
  async tryAcquire(key: string, options: Omit<AcquireOptions, 'waitMs'> = {}): Promise<Lock | undefined> {
    this.checkAcquire(key, options);
    if ('waitMs' in options) throw new LockValidationError('tryAcquire does not wait: drop waitMs');
    const result = await this.acquireLoop(key, options, 0);
    return 'lock' in result ? result.lock : undefined;
  }

  /** ConsistentRead of one lock's item; `undefined` when there is none. */
  async getLock(key: string, options: { sortKey?: string } = {}): Promise<LockInfo | undefined> {
    checkKnownKeys('getLock options', options, ['sortKey']);
    this.checkKey(key, options.sortKey);
    return this.protocol.read(this.lockKey(key, options.sortKey));
  }

  /**
   * Every lock item, paginated: a Query of one partition when `key` is given (tables with a sort
   * key), otherwise a Scan. ConsistentRead throughout.
   */
  async *listLocks(options: { key?: string; pageSize?: number } = {}): AsyncGenerator<LockInfo> {
    checkKnownKeys('listLocks options', options, ['key', 'pageSize']);
    if (options.key !== undefined) checkString('key', options.key, MAX_PARTITION_KEY_BYTES);
    checkDuration('pageSize', options.pageSize);
    const { tableName, partitionKeyName, requestTimeoutMs } = this.options;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = options.key !== undefined
        ? await this.protocol.send<QueryCommandOutput>(new QueryCommand({
          TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey, Limit: options.pageSize,
          KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': partitionKeyName },
          ExpressionAttributeValues: { ':pk': { S: options.key } },
        }), requestTimeoutMs)
        : await this.protocol.send<ScanCommandOutput>(new ScanCommand({
          TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey, Limit: options.pageSize,
        }), requestTimeoutMs);
      for (const item of page.Items ?? []) {
        const info = this.protocol.parse(item);
        if (info) yield info;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Stops every heartbeat and, with `release` (default), releases every held lock — all of them
   * even when some releases fail (then LockCloseError with an AggregateError cause). Returns at
   * once when nothing is held: no sleeping timers to join.
   */
  async close(options: { release?: boolean } = {}): Promise<void> {
    checkKnownKeys('close options', options, ['release']);
    this.closed = true;
    const locks = [...this.held];
    if (options.release === false) {
      for (const lock of locks) lock.markLost('closed');
      return;
    }
    const results = await Promise.allSettled(locks.map((lock) => lock.release()));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (failures.length > 0) {
      throw new LockCloseError(`${failures.length} of ${locks.length} locks could not be released`, {
        cause: new AggregateError(failures, 'release failures'),
      });
    }
  }

  /** Creates the table if missing (on-demand, this client's key schema), waits for ACTIVE, enables TTL where supported. */
  ensureTable(): Promise<EnsureTableResult> {
    return ensureTable(this.ddb, this.options);
  }

  /** The wait, with whatever ends it once the caller's signal aborted reported as LockAbortedError. */
  private async acquireLoop(key: string, options: AcquireOptions, waitMs: number): Promise<{ lock: Lock } | { holder: LockInfo | undefined }> {
    try {
      return await this.waitForLock(key, options, waitMs);
    } catch (error) {
      // Aborted in a sleep, a poll or a write: the caller's signal, not a transport error.
      if (options.signal?.aborted) throw new LockAbortedError(`waiting for lock ${key} was aborted`, { cause: error });
      throw error;
    }
  }

  private async waitForLock(key: string, options: AcquireOptions, waitMs: number): Promise<{ lock: Lock } | { holder: LockInfo | undefined }> {
    const { clock } = this.options;
    const lockKey = this.lockKey(key, options.sortKey);
    const leaseMs = this.leaseOf(options);
    const pollMs = options.pollMs ?? this.options.pollMs;
    const started = clock.monotonicNow();
    const deadline = started + waitMs;
    // Every record version we sent, with its send time: a write whose response was lost is
    // recognised later as ours, and its validity counted from when it was sent.
    const sentVersions = new Map<string, number>();
    let watched: { recordVersion: string; since: number; leaseMs: number } | undefined;
    let holder: LockInfo | undefined;
    let needWrite = true;
    for (let attempt = 0; ; attempt++) {
      options.signal?.throwIfAborted();
      const now = clock.monotonicNow();
      const grounds: AcquireGrounds = {
        ...(watched && now - watched.since >= watched.leaseMs && { observedRecordVersion: watched.recordVersion }),
        ...(options.reentrant && { reentrant: true }),
        ...(this.options.maxSkewMs !== undefined && { expiredBefore: clock.wallNow() - this.options.maxSkewMs }),
      };
      if (needWrite) {
        const recordVersion = randomUUID();
        sentVersions.set(recordVersion, clock.monotonicNow());
        const outcome = await this.attempt(lockKey, options, leaseMs, recordVersion, grounds, sentVersions);
        if (outcome.acquired) return { lock: this.adopt(outcome.info, outcome.sentAt, options) };
        holder = outcome.holder;
      } else {
        holder = await this.protocol.read(lockKey, options.signal);
      }
      const observedAt = clock.monotonicNow();
      if (holder && !holder.released && holder.recordVersion !== watched?.recordVersion) {
        watched = { recordVersion: holder.recordVersion, since: observedAt, leaseMs: holder.leaseMs };
      }
      const eligibleIn = this.eligibleIn(holder, watched, options, observedAt);
      // While a live holder has it, poll with a ConsistentRead and write only when the lock
      // looks free (released, absent, watched for a lease, or expired in fast mode): a strongly
      // consistent read costs a fifth of a write on DynamoDB, and on servers that omit the holder
      // on a failed condition (dynalite) a write-poll would cost a write *and* a read.
      needWrite = eligibleIn <= 0;
      const remaining = deadline - observedAt;
      if (remaining <= 0) return { holder };
      const pause = Math.min(remaining, eligibleIn <= 0 ? backoffMs(0, 10, 10) : Math.min(eligibleIn, backoffMs(attempt, pollMs / 4, pollMs)));
      await sleep(pause, options.signal);
      if (clock.monotonicNow() >= deadline) needWrite = true; // last chance before giving up
    }
  }

  /** Ms until an attempt could succeed on what we know; ≤ 0 means try now. */
  private eligibleIn(holder: LockInfo | undefined, watched: { since: number; leaseMs: number } | undefined, options: AcquireOptions, now: number): number {
    if (!holder || holder.released) return 0;
    if (options.reentrant && holder.owner === this.ownerName) return 0;
    let wait = watched ? watched.since + watched.leaseMs - now : holder.leaseMs;
    if (this.options.maxSkewMs !== undefined) {
      wait = Math.min(wait, holder.expiresAt + this.options.maxSkewMs - this.options.clock.wallNow() + 1);
    }
    return wait;
  }

  private async attempt(lockKey: LockKey, options: AcquireOptions, leaseMs: number, recordVersion: string, grounds: AcquireGrounds, sentVersions: ReadonlyMap<string, number>) {
    try {
      return await this.protocol.acquire(lockKey, {
        owner: this.ownerName, recordVersion, leaseMs, replaceData: options.replaceData ?? true,
        ...(options.data !== undefined && { data: options.data }), ...grounds,
      }, sentVersions, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error; // acquireLoop reports the abort
      if (!(error instanceof LockUnavailableError) || !error.ambiguous) throw error;
      // The write may have landed without us hearing: look before reporting anything.
      const current = await this.protocol.read(lockKey).catch(() => undefined);
      const sentAt = current && !current.released && current.owner === this.ownerName ? sentVersions.get(current.recordVersion) : undefined;
      if (current && sentAt !== undefined) return { acquired: true as const, info: current, sentAt };
      throw error;
    }
  }

  private adopt(info: LockInfo, sentAt: number, options: AcquireOptions): Lock {
    for (const old of this.held) {
      if (old.key === info.key && old.sortKey === info.sortKey) old.markLost('superseded');
    }
    const lock = new Lock({
      protocol: this.protocol, info, sentAt,
      deleteOnRelease: options.deleteOnRelease ?? false,
      autoHeartbeat: options.autoHeartbeat ?? true,
      ...(options.renewWhile && { renewWhile: options.renewWhile }),
      onClosed: (l) => this.held.delete(l),
    });
    if (options.onLost) lock.on('lost', options.onLost);
    if (options.onDanger) lock.on('danger', options.onDanger);
    this.held.add(lock);
    return lock;
  }

  private leaseOf(options: AcquireOptions): number {
    return options.leaseMs ?? this.options.leaseMs;
  }

  private lockKey(key: string, sortKey: string | undefined): LockKey {
    return { key, ...(sortKey !== undefined && { sortKey }) };
  }

  private checkKey(key: unknown, sortKey: unknown): void {
    checkString('key', key, MAX_PARTITION_KEY_BYTES);
    if (this.options.sortKeyName !== undefined) checkString('sortKey', sortKey, MAX_SORT_KEY_BYTES);
    else if (sortKey !== undefined) throw new LockValidationError('sortKey given but the client has no sortKeyName (partition-key-only table)');
  }

  private checkAcquire(key: string, options: AcquireOptions): void {
    if (this.closed) throw new LockValidationError('LockClient is closed');
    checkKnownKeys('acquire options', options, ACQUIRE_OPTION_NAMES);
    this.checkKey(key, options.sortKey);
    checkDuration('waitMs', options.waitMs, true);
    checkDuration('pollMs', options.pollMs);
    checkDuration('leaseMs', options.leaseMs);
    checkSignal('signal', options.signal);
    checkData('data', options.data);
    for (const flag of ['replaceData', 'reentrant', 'deleteOnRelease', 'autoHeartbeat'] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw new LockValidationError(`${flag} must be a boolean`);
    }
    for (const fn of ['onLost', 'onDanger', 'renewWhile'] as const) {
      if (options[fn] !== undefined && typeof options[fn] !== 'function') throw new LockValidationError(`${fn} must be a function`);
    }
    if (options.leaseMs !== undefined) {
      const { heartbeatMs, safetyMarginMs } = this.options;
      checkTiming(options.leaseMs, heartbeatMs, safetyMarginMs);
    }
  }
}

/** Function or host name plus a random suffix: unique per client instance, readable in the table. */
function defaultOwnerName(): string {
  return `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? hostname()}#${randomUUID().slice(0, 8)}`;
}
