import { LockValidationError } from '../errors.js';
import { LockClient } from '../client/lock-client.js';
import { checkDuration, checkKnownKeys } from '../validate.js';
import { BATCH_OPTION_NAMES, type LockedBatchOptions } from './locked-batch-options.js';

/**
 * Validates the arguments of `lockedBatchHandler` / `lockedRecordHandler` when the handler is
 * built, so a mistake fails the deployment's first cold start, not a record at a time.
 */
export function checkBatchOptions(where: string, keyFn: unknown, recordHandler: unknown, options: LockedBatchOptions<never>): void {
  if (typeof keyFn !== 'function') throw new LockValidationError(`${where}: the first argument must be a function (record, context) => key`);
  if (typeof recordHandler !== 'function') throw new LockValidationError(`${where}: the second argument must be a function (record, lock) => result`);
  checkKnownKeys(`${where} options`, options, BATCH_OPTION_NAMES);
  for (const name of ['leaseMs', 'heartbeatMs', 'deadlineMarginMs'] as const) checkDuration(name, options[name]);
  checkDuration('waitMs', options.waitMs, true);
  const { concurrency, onBusy, client, tableName } = options;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new LockValidationError(`${where}: concurrency must be a whole number ≥ 1, got ${String(concurrency)}`);
  }
  if (onBusy !== undefined && onBusy !== 'fail' && onBusy !== 'wait' && typeof onBusy !== 'function') {
    throw new LockValidationError(`${where}: onBusy must be 'fail', 'wait' or a function (record, error) => 'fail' | 'wait'`);
  }
  if (client !== undefined && !(client instanceof LockClient)) throw new LockValidationError(`${where}: client must be a LockClient`);
  if (client !== undefined && (['tableName', 'heartbeatMs', 'trustWallClock', 'observers'] as const).some((name) => options[name] !== undefined)) {
    throw new LockValidationError(`${where}: tableName, heartbeatMs, trustWallClock and observers configure the default client; set them on the LockClient you pass`);
  }
  const trust = options.trustWallClock;
  if (trust !== undefined && trust !== false) {
    if (typeof trust !== 'object' || trust === null) throw new LockValidationError(`${where}: trustWallClock must be false or { maxSkewMs }`);
    checkKnownKeys(`${where} trustWallClock`, trust, ['maxSkewMs']);
    checkDuration('trustWallClock.maxSkewMs', trust.maxSkewMs, true);
    if (trust.maxSkewMs === undefined) throw new LockValidationError(`${where}: trustWallClock needs maxSkewMs`);
  }
  if (options.observers !== undefined && !Array.isArray(options.observers)) throw new LockValidationError(`${where}: observers must be an array`);
  if (tableName !== undefined && (typeof tableName !== 'string' || tableName === '')) {
    throw new LockValidationError(`${where}: tableName must be a non-empty string`);
  }
}

