import type { Lock } from '../lock/lock.js';
import type { LockClient } from '../client/lock-client.js';

/**
 * What a record handler gets next to its record: the hold on the record's lock key. Records of
 * one key in a batch share one hold, so consecutive records of a key see the same `fence`.
 *
 * @example
 * ```ts
 * lockedBatchHandler((r: SQSRecord) => JSON.parse(r.body).customerId, async (record, lock: RecordLock) => {
 *   if (!lock.isValid()) throw new Error('lock gone');
 *   await charge(JSON.parse(record.body), { fence: lock.fence, signal: lock.signal });
 * });
 * ```
 */
export interface RecordLock {
  readonly key: string;
  readonly sortKey: string | undefined;
  /** Fencing token of the hold: pass it to the resource you write (see `fencedWrite`). */
  readonly fence: number;
  /** Aborts when the hold is lost or the invocation deadline (remaining time − margin) arrives. */
  readonly signal: AbortSignal;
  /** True while the hold is ours and the invocation deadline has not arrived. */
  isValid(): boolean;
  /** The underlying lock handle. */
  readonly lock: Lock;
  /** The client holding it (for `fencedWrite` and `guardedTransaction`). */
  readonly client: LockClient;
}
