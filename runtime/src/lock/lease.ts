/**
 * The lease to write: the requested one, capped by `maxLeaseMs()` when given (at least 1 ms; a
 * lease shorter than its margin simply gives no validity).
 *
 * @example
 * ```ts
 * cappedLease(20_000, () => context.getRemainingTimeInMillis()); // 2950 with 2.95 s left
 * ```
 */
export function cappedLease(leaseMs: number, maxLeaseMs: (() => number) | undefined): number {
  if (!maxLeaseMs) return leaseMs;
  const cap = Math.floor(maxLeaseMs());
  return Number.isFinite(cap) ? Math.max(1, Math.min(leaseMs, cap)) : leaseMs;
}

/**
 * End of the validity a confirmed write gives, on the monotonic clock: its lease from when it was
 * *sent*, minus the safety margin. A lease capped below the requested one keeps the same fraction
 * as its margin: the margin covers clock-rate drift (proportional to the lease) and the delay
 * between the server applying a write and us hearing of it (milliseconds); keeping the full margin
 * of a longer lease would make a short capped lease worthless.
 *
 * @example
 * ```ts
 * validityEnd(1_000, 3_000, 20_000, 2_000); // 3700: a 3 s lease capped from 20 s keeps a 300 ms margin
 * ```
 */
export function validityEnd(sentAt: number, leaseMs: number, requestedLeaseMs: number, safetyMarginMs: number): number {
  const margin = leaseMs >= requestedLeaseMs ? safetyMarginMs : Math.ceil((safetyMarginMs * leaseMs) / requestedLeaseMs);
  return sentAt + leaseMs - margin;
}
