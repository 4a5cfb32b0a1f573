import type { LockBusyError } from '../errors.js';
import { LAMBDA_CLIENT_OPTION_NAMES, type LambdaClientOptions } from '../lambda/lambda-client-options.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
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
export interface LockedBatchOptions<TRecord = unknown> extends LambdaClientOptions {
  /** Lease of each hold, capped by the invocation's remaining time. @default 20000 (the client's) */
  readonly leaseMs?: number;
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
}

/** The names of {@link LockedBatchOptions}, for the unknown-option check. */
export const BATCH_OPTION_NAMES = [...LAMBDA_CLIENT_OPTION_NAMES, 'leaseMs', 'waitMs', 'onBusy', 'concurrency'] as const;
