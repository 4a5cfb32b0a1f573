import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { DEFAULTS } from '../defaults.js';
import { LockValidationError } from '../errors.js';
import type { LockObserver } from '../observe/lock-observer.js';
import { checkDuration, checkKnownKeys, checkString, checkTableName } from '../validate.js';

/**
 * Opt-in fast takeover: trust that wall clocks differ by at most `maxSkewMs`, so a lock whose
 * `expiresAt + maxSkewMs` has passed is taken at once instead of after watching it for a lease.
 *
 * @example
 * ```ts
 * new LockClient({ tableName: 'locks', trustWallClock: { maxSkewMs: 1000 } });
 * ```
 */
export interface TrustWallClockOptions {
  readonly maxSkewMs: number;
}

/**
 * Options of {@link LockClient}.
 *
 * @example
 * ```ts
 * const client = new LockClient({ tableName: 'locks', leaseMs: 10_000, heartbeatMs: 2_000 });
 * ```
 */
export interface LockClientOptions {
  /** Name of the lock table. */
  readonly tableName: string;
  /**
   * DynamoDB client to use. Give it `maxAttempts: 1`: the lock retries throttling, 5xx and
   * transport errors itself, within deadlines taken from the lease, with pauses that shrink as a
   * heartbeat's validity runs out. The SDK's own retries (default 3 attempts, up to a second
   * apart under throttling) still work, but they pace the tries and cost heartbeats the slack
   * that a storm ending just before the end of validity needs.
   * @default a new DynamoDBClient from the standard AWS environment, with `maxAttempts: 1`
   */
  readonly client?: DynamoDBClient;
  /** @default "pk" */
  readonly partitionKeyName?: string;
  /**
   * Sort key attribute; set only when the table has one.
   * @default - partition-key-only table
   */
  readonly sortKeyName?: string;
  /**
   * Identity written as `owner`. Make it stable across restarts only together with `reentrant`.
   * @default where the process runs — `lambda:<function>:<log stream>`, `ecs:<task id>` or `<host>:<pid>` — plus a random suffix
   */
  readonly ownerName?: string;
  /** Lease the holder promises to heartbeat within. @default 20000 */
  readonly leaseMs?: number;
  /** Automatic heartbeat period; `0` turns automatic heartbeats off. @default min(5000, leaseMs / 4) */
  readonly heartbeatMs?: number;
  /**
   * Taken off the lease when computing our own validity, to cover clock-rate drift and the time
   * between the server applying a write and us learning of it.
   * @default leaseMs / 10
   */
  readonly safetyMarginMs?: number;
  /**
   * `danger` fires when less than this much validity is left without a confirmed heartbeat.
   * @default heartbeatMs > 0 ? heartbeatMs : leaseMs / 4
   */
  readonly dangerZoneMs?: number;
  /**
   * Deadline of one request including retries (a heartbeat's is also capped by its remaining validity).
   * @default min(5000, leaseMs - safetyMarginMs)
   */
  readonly requestTimeoutMs?: number;
  /** How long after the lease ends the item may be removed by TTL. @default 86400000 (one day) */
  readonly ttlRetentionMs?: number;
  /** Longest pause between two attempts while waiting. @default min(1000, leaseMs / 4) */
  readonly pollMs?: number;
  /** Fast takeover trusting bounded wall-clock skew. @default - off (skew-free takeover) */
  readonly trustWallClock?: TrustWallClockOptions;
  /**
   * How many locks' observations this client keeps between calls (least recently used evicted).
   * A skew-free takeover needs one record version watched for a full lease; remembering it lets
   * `tryAcquire` loops and short waits add up to that. About 200 bytes per lock; `0` keeps
   * nothing between calls (each call must then watch a full lease by itself).
   * @default 1000
   */
  readonly maxWatchedLocks?: number;
  /**
   * Receive every lock event (acquire, busy, renewals, heartbeat failures, danger, loss, release):
   * metrics, logs and traces — see `@ddb-lock/runtime/powertools` and `@ddb-lock/runtime/otel`.
   * @default none
   */
  readonly observers?: readonly LockObserver[];
  /** Time sources (tests). @default the process clocks */
  readonly clock?: Clock;
}

/** Options after defaults, validated. */
export interface ResolvedClientOptions {
  readonly tableName: string;
  readonly partitionKeyName: string;
  readonly sortKeyName: string | undefined;
  readonly ownerName: string | undefined;
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly safetyMarginMs: number;
  readonly dangerZoneMs: number;
  readonly requestTimeoutMs: number;
  readonly ttlRetentionMs: number;
  readonly pollMs: number;
  readonly maxSkewMs: number | undefined;
  readonly maxWatchedLocks: number;
  readonly observers: readonly LockObserver[];
  readonly clock: Clock;
}

const CLIENT_OPTION_NAMES = [
  'tableName',
  'client',
  'partitionKeyName',
  'sortKeyName',
  'ownerName',
  'leaseMs',
  'heartbeatMs',
  'safetyMarginMs',
  'dangerZoneMs',
  'requestTimeoutMs',
  'ttlRetentionMs',
  'pollMs',
  'trustWallClock',
  'maxWatchedLocks',
  'observers',
  'clock',
] as const;

/** Applies defaults and rejects bad values before anything is created. */
export function resolveClientOptions(options: LockClientOptions): ResolvedClientOptions {
  checkKnownKeys('LockClient options', options, CLIENT_OPTION_NAMES);
  if (options === undefined) throw new LockValidationError('LockClient options are required ({ tableName })');
  checkTableName('tableName', options.tableName);
  checkString('partitionKeyName', options.partitionKeyName ?? DEFAULTS.partitionKeyName, 255);
  if (options.sortKeyName !== undefined) checkString('sortKeyName', options.sortKeyName, 255);
  if (options.ownerName !== undefined) checkString('ownerName', options.ownerName, 1024);
  for (const name of ['leaseMs', 'safetyMarginMs', 'dangerZoneMs', 'requestTimeoutMs', 'ttlRetentionMs', 'pollMs'] as const) {
    checkDuration(name, options[name], name === 'safetyMarginMs' || name === 'dangerZoneMs');
  }
  checkDuration('heartbeatMs', options.heartbeatMs, true);
  const watched = options.maxWatchedLocks;
  if (watched !== undefined && !(Number.isSafeInteger(watched) && watched >= 0)) {
    throw new LockValidationError(`maxWatchedLocks must be a whole number ≥ 0, got ${String(watched)}`);
  }
  checkKnownKeys('trustWallClock', options.trustWallClock, ['maxSkewMs']);
  if (options.trustWallClock) checkDuration('trustWallClock.maxSkewMs', options.trustWallClock.maxSkewMs, true);
  if (options.client !== undefined && typeof (options.client as { send?: unknown }).send !== 'function') {
    throw new LockValidationError('client must be a DynamoDBClient');
  }
  const observers = options.observers as unknown;
  const isObserver = (o: unknown) => typeof (o as Partial<LockObserver>)?.onLockEvent === 'function';
  if (observers !== undefined && (!Array.isArray(observers) || !observers.every(isObserver))) {
    throw new LockValidationError('observers must be an array of { onLockEvent(event) } objects');
  }
  const clock = options.clock as Partial<Clock> | undefined;
  if (clock !== undefined && (typeof clock?.monotonicNow !== 'function' || typeof clock.wallNow !== 'function')) {
    throw new LockValidationError('clock must have monotonicNow() and wallNow()');
  }

  const leaseMs = options.leaseMs ?? DEFAULTS.leaseMs;
  const safetyMarginMs = options.safetyMarginMs ?? DEFAULTS.safetyMarginMs(leaseMs);
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs(leaseMs);
  checkTiming(leaseMs, heartbeatMs, safetyMarginMs);
  return {
    tableName: options.tableName,
    partitionKeyName: options.partitionKeyName ?? DEFAULTS.partitionKeyName,
    sortKeyName: options.sortKeyName,
    ownerName: options.ownerName,
    leaseMs,
    heartbeatMs,
    safetyMarginMs,
    dangerZoneMs: options.dangerZoneMs ?? DEFAULTS.dangerZoneMs(heartbeatMs, leaseMs),
    // A request (with its retries) may take at most what a lease leaves after the margin; a
    // heartbeat's deadline is further capped by the validity it still has.
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs(leaseMs, safetyMarginMs),
    ttlRetentionMs: options.ttlRetentionMs ?? DEFAULTS.ttlRetentionMs,
    pollMs: options.pollMs ?? DEFAULTS.pollMs(leaseMs),
    maxSkewMs: options.trustWallClock?.maxSkewMs,
    maxWatchedLocks: options.maxWatchedLocks ?? DEFAULTS.maxWatchedLocks,
    observers: [...(options.observers ?? [])],
    clock: options.clock ?? systemClock,
  };
}

/**
 * A heartbeat must be able to land before validity ends, or a healthy holder would lose its lock.
 */
export function checkTiming(leaseMs: number, heartbeatMs: number, safetyMarginMs: number): void {
  if (safetyMarginMs >= leaseMs) {
    throw new LockValidationError(`safetyMarginMs (${safetyMarginMs}) must be less than leaseMs (${leaseMs})`);
  }
  if (heartbeatMs > 0 && heartbeatMs >= leaseMs - safetyMarginMs) {
    throw new LockValidationError(`heartbeatMs (${heartbeatMs}) must be less than leaseMs - safetyMarginMs (${leaseMs - safetyMarginMs})`);
  }
}
