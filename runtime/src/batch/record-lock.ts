import type { LockView } from '../lock/lock-view.js';

/**
 * What a record handler gets next to its record: a read-only view of the hold on the record's
 * lock key. Records of one key in a batch share one hold, so consecutive records of a key see
 * the same `fence`. It goes to `fencedWrite` and `guardedTransaction`; it cannot release or renew
 * the hold, which the batch releases after the key's last record.
 *
 * @example
 * ```ts
 * lockedBatchHandler((r: SQSRecord) => JSON.parse(r.body).customerId, async (record, lock: RecordLock) => {
 *   if (!lock.isValid()) throw new Error('lock gone');
 *   await charge(JSON.parse(record.body), { fence: lock.fence, signal: lock.signal });
 *   await fencedWrite(lock, { update: ledgerUpdate(record) });
 * });
 * ```
 */
export interface RecordLock extends LockView {}
