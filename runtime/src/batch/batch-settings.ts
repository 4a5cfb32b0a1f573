import type { LockClient } from '../client/lock-client.js';
import { DEFAULTS } from '../defaults.js';
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
    waitMs: options.waitMs ?? DEFAULTS.lambdaWaitMs,
    onBusy: options.onBusy ?? DEFAULTS.batchOnBusy,
    concurrency: options.concurrency ?? DEFAULTS.batchConcurrency,
    marginMs: options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs,
  };
}
