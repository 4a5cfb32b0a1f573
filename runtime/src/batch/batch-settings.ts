import type { LockClient } from '../client/lock-client.js';
import type { LockedBatchOptions } from './locked-batch-options.js';
import type { BatchSettings } from './run-locked-batch.js';

/**
 * The defaults of `LockedBatchOptions` applied: what one batch run uses.
 *
 * @example
 * ```ts
 * const settings = batchSettings(clientOf(), { onBusy: 'wait' }); // waitMs 0, concurrency 10, margin 1000
 * ```
 */
export function batchSettings<TRecord>(client: LockClient, options: LockedBatchOptions<TRecord>): BatchSettings<TRecord> {
  return {
    client,
    ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
    waitMs: options.waitMs ?? 0,
    onBusy: options.onBusy ?? 'fail',
    concurrency: options.concurrency ?? 10,
    marginMs: options.deadlineMarginMs ?? 1_000,
  };
}
