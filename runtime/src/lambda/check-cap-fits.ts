import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import { LockValidationError } from '../errors.js';

/**
 * A lease capped by the remaining time keeps the same fraction as margin, so its validity ends
 * `margin/lease` of the remaining time before the hard timeout. The last heartbeat comes at most
 * `heartbeatMs` before the deadline; for the lock to stay valid until the deadline (no spurious
 * loss at the end of every long invocation) heartbeat × margin ≤ deadlineMargin × (lease − margin).
 * The defaults (5000 × 2000 ≤ 1000 × 18000) fit. Used by `withLock` and the batch handlers.
 *
 * @example
 * ```ts
 * checkCapFits('lockedBatchHandler', client, undefined, 1_000); // throws for heartbeat 5 s × margin 2 s > 1 s × 18 s
 * ```
 */
export function checkCapFits(where: string, client: LockClient, leaseOption: number | undefined, deadlineMarginMs: number): void {
  const { options } = clientInternals(client);
  const { heartbeatMs, safetyMarginMs } = options;
  const leaseMs = leaseOption ?? options.leaseMs;
  if (heartbeatMs > 0 && heartbeatMs * safetyMarginMs > deadlineMarginMs * (leaseMs - safetyMarginMs)) {
    throw new LockValidationError(
      `${where}: heartbeatMs × safetyMarginMs (${heartbeatMs} × ${safetyMarginMs}) exceeds deadlineMarginMs × (leaseMs` +
        ` − safetyMarginMs) (${deadlineMarginMs} × ${leaseMs - safetyMarginMs}): ` +
        'leases capped by the remaining time would run out before the deadline',
    );
  }
}
