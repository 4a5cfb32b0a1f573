import type { RemainingTime } from './lambda-context.js';

/**
 * Lambda's remaining time; Infinity outside Lambda (no context, or one without the method).
 * 0 means no time left, not "unknown" (Powertools once read it as unknown and left records
 * locked for an hour).
 *
 * @example
 * ```ts
 * if (remainingMs(context) - marginMs <= marginMs) throw new LockDeadlineError('too little time left');
 * ```
 */
export function remainingMs(context: RemainingTime | undefined): number {
  return typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY;
}
