import { checkTiming } from '../client/lock-client-options.js';
import { LockValidationError } from '../errors.js';
import { checkData, checkDuration, checkKnownKeys } from '../validate.js';
import type { HeartbeatOptions, ReleaseOptions } from './lock-options.js';

/**
 * Bad input to `Lock.heartbeat`: a clear LockValidationError before any request.
 *
 * @example
 * ```ts
 * checkHeartbeatOptions({ leaseMs: 60_000 }, 5_000, 2_000);
 * ```
 */
export function checkHeartbeatOptions(options: HeartbeatOptions, heartbeatMs: number, safetyMarginMs: number): void {
  checkKnownKeys('heartbeat options', options, ['leaseMs', 'data']);
  checkDuration('leaseMs', options.leaseMs);
  checkData('data', options.data);
  if (options.leaseMs !== undefined) checkTiming(options.leaseMs, heartbeatMs, safetyMarginMs);
}

/**
 * Bad input to `Lock.release`: a clear LockValidationError before any request.
 *
 * @example
 * ```ts
 * checkReleaseOptions({ deleteItem: true });
 * ```
 */
export function checkReleaseOptions(options: ReleaseOptions): void {
  checkKnownKeys('release options', options, ['data', 'deleteItem']);
  checkData('data', options.data);
  if (options.deleteItem !== undefined && typeof options.deleteItem !== 'boolean') {
    throw new LockValidationError('deleteItem must be a boolean');
  }
}
