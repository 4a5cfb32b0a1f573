import { LockBusyError } from '../errors.js';
import { BatchOrderError } from './batch-order-error.js';

/** Powertools' FIFO processors fail the records after a failure with these (by name: no import). */
const POWERTOOLS_HELD_BACK = new Set(['SqsFifoShortCircuitError', 'SqsFifoMessageGroupShortCircuitError']);

/**
 * True when every failure of a batch comes from someone else holding a key: busy records, and
 * records held back behind them (FIFO group, stream checkpoint, Powertools' FIFO short-circuit).
 *
 * @example
 * ```ts
 * if (!isBusyOnly(processor.errors)) throw new Error('the batch really failed');
 * ```
 */
export function isBusyOnly(errors: readonly unknown[]): boolean {
  let busy = false;
  for (const error of errors) {
    if (error instanceof LockBusyError) busy = true;
    else if (error instanceof BatchOrderError) busy ||= error.cause instanceof LockBusyError;
    else if (!(error instanceof Error && POWERTOOLS_HELD_BACK.has(error.name))) return false;
  }
  return busy;
}
