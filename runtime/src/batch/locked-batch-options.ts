import type { Context } from 'aws-lambda';
import type { LockClient } from '../client/lock-client.js';
import type { TrustWallClockOptions } from '../client/lock-client-options.js';
import type { LockBusyError } from '../errors.js';
import type { LockObserver } from '../observe/lock-observer.js';
import type { RecordLock } from './record-lock.js';

/**
 * What a record key function returns: the partition key, or partition and sort key.
 *
 * @example
 * ```ts
 * const byTenant = (r: SQSRecord): RecordKeyResult => ({ key: `tenant#${r.attributes.MessageGroupId}`, sortKey: 'orders' });
 * ```
 */
export type RecordKeyResult = string | { readonly key: string; readonly sortKey?: string };

/**
 * Computes a record's lock key; may be async. `context` is the invocation's (undefined when
 * Powertools was not given one).
 *
 * @example
 * ```ts
 * const byCustomer: RecordKeyFn<SQSRecord> = (record) => `customer#${JSON.parse(record.body).customerId}`;
 * ```
 */
export type RecordKeyFn<TRecord> = (record: TRecord, context: Context | undefined) => RecordKeyResult | Promise<RecordKeyResult>;

/**
 * The work done for one record while its key is held.
 *
 * @example
 * ```ts
 * const handle: LockedRecordHandler<SQSRecord> = async (record, lock) => save(record.body, { fence: lock.fence });
 * ```
 */
export type LockedRecordHandler<TRecord, TResult = unknown> = (record: TRecord, lock: RecordLock) => TResult | Promise<TResult>;

/**
 * What to do with a record whose key someone else holds: report it failed (`'fail'`, delivered
 * again) or wait for the key until the invocation's deadline (`'wait'`).
 *
 * @example
 * ```ts
 * const decide = (record: SQSRecord): BusyDecision => (Number(record.attributes.ApproximateReceiveCount) > 3 ? 'wait' : 'fail');
 * ```
 */
export type BusyDecision = 'fail' | 'wait';

/**
 * Options of `lockedBatchHandler` and `lockedRecordHandler`.
 *
 * @example
 * ```ts
 * lockedBatchHandler(byCustomer, handle, { leaseMs: 10_000, onBusy: 'fail', concurrency: 4 });
 * ```
 */
export interface LockedBatchOptions<TRecord = unknown> {
  /** Lock client to use. @default a client on `tableName`, created at the first batch and reused */
  readonly client?: LockClient;
  /** Table for the default client. @default process.env.DDB_LOCK_TABLE_NAME (set by the construct's `bindTo`) */
  readonly tableName?: string;
  /** Lease of each hold, capped by the invocation's remaining time. @default 20000 (the client's) */
  readonly leaseMs?: number;
  /** Heartbeat period of the default client. @default min(5000, leaseMs / 4) (the client's) */
  readonly heartbeatMs?: number;
  /**
   * Takeover rule of the default client, as `withLock`'s: with `{ maxSkewMs }` a key held by a
   * killed environment comes back once its `expiresAt + maxSkewMs` has passed, to an invocation
   * that tries it once; `false` keeps the skew-free rule. @default { maxSkewMs: 1000 }
   */
  readonly trustWallClock?: false | TrustWallClockOptions;
  /** Observers of the default client's lock events (see `@ddb-lock/runtime/powertools` and `/otel`). @default none */
  readonly observers?: readonly LockObserver[];
  /** How long the first attempt on a key waits for its holder, capped by the remaining time. @default 0 */
  readonly waitMs?: number;
  /**
   * A key someone else holds: `'fail'` its records (they are delivered again), `'wait'` for it until
   * the invocation's deadline, or decide per record (called once per key and batch, with the
   * first record that needed the key). @default 'fail'
   */
  readonly onBusy?: BusyDecision | ((record: TRecord, error: LockBusyError) => BusyDecision | Promise<BusyDecision>);
  /** Records of different keys run at once, at most this many (acquires included). @default 10 */
  readonly concurrency?: number;
  /** Time kept back before Lambda's hard timeout to stop, release and answer. @default 1000 */
  readonly deadlineMarginMs?: number;
}

export const BATCH_OPTION_NAMES = [
  'client',
  'tableName',
  'leaseMs',
  'heartbeatMs',
  'trustWallClock',
  'observers',
  'waitMs',
  'onBusy',
  'concurrency',
  'deadlineMarginMs',
] as const;
