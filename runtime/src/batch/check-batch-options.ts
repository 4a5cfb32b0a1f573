import { LockValidationError } from '../errors.js';
import { checkClientOptions } from '../lambda/check-client-options.js';
import { checkKnownKeys } from '../validate.js';
import { BATCH_OPTION_NAMES, type LockedBatchOptions } from './locked-batch-options.js';

/**
 * Validates the arguments of `lockedBatchHandler` / `lockedRecordHandler` when the handler is
 * built, so a mistake fails the deployment's first cold start, not a record at a time.
 */
export function checkBatchOptions(where: string, keyFn: unknown, recordHandler: unknown, options: LockedBatchOptions<never>): void {
  if (typeof keyFn !== 'function')
    throw new LockValidationError(`${where}: the first argument must be a function (record, context) => key`);
  if (typeof recordHandler !== 'function')
    throw new LockValidationError(`${where}: the second argument must be a function (record, lock) => result`);
  checkKnownKeys(`${where} options`, options, BATCH_OPTION_NAMES);
  checkClientOptions(where, options);
  const { concurrency, onBusy } = options;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new LockValidationError(`${where}: concurrency must be a whole number ≥ 1, got ${String(concurrency)}`);
  }
  if (onBusy !== undefined && onBusy !== 'fail' && onBusy !== 'wait' && typeof onBusy !== 'function') {
    throw new LockValidationError(`${where}: onBusy must be 'fail', 'wait' or a function (record, error) => 'fail' | 'wait'`);
  }
}
