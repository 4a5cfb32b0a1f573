import { LockUnavailableError } from '../errors.js';

/** Shortest time between the starts of two automatic heartbeat attempts. */
const MIN_HEARTBEAT_GAP_MS = 25;

/**
 * How long to wait before the next automatic heartbeat after a failed one.
 *
 * A heartbeat that spent its whole deadline on transient errors (LockUnavailableError) goes again
 * at once: its next request backs off inside its own deadline, and any pause here is validity that
 * a storm ending just then would cost for nothing (L2). Attempts still start at most every
 * MIN_HEARTBEAT_GAP_MS (a request timeout shorter than a round trip must not make them spin), and
 * other errors wait longer, shrinking with each failure, so they cannot spin either.
 *
 * @example
 * ```ts
 * heartbeatRetryMs(new LockUnavailableError('timeout'), 250, 1, 5_000); // 0: at once
 * heartbeatRetryMs(new Error('odd'), 3, 1, 5_000);                     // 2500
 * ```
 */
export function heartbeatRetryMs(error: unknown, attemptTookMs: number, failures: number, heartbeatMs: number): number {
  return error instanceof LockUnavailableError
    ? Math.max(0, MIN_HEARTBEAT_GAP_MS - attemptTookMs)
    : Math.max(50, Math.round(heartbeatMs / (2 * failures)));
}
