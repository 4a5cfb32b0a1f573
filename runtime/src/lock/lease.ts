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
 * Safety margin of a write whose lease was capped below the requested one: the same fraction of
 * its lease. The margin covers clock-rate drift (proportional to the lease) and the delay between
 * the server applying a write and us hearing of it (milliseconds); keeping the full margin of a
 * longer lease would make a short capped lease worthless.
 *
 * @example
 * ```ts
 * marginFor(3_000, 20_000, 2_000); // 300
 * ```
 */
export function marginFor(leaseMs: number, requestedLeaseMs: number, safetyMarginMs: number): number {
  if (leaseMs >= requestedLeaseMs) return safetyMarginMs;
  return Math.ceil((safetyMarginMs * leaseMs) / requestedLeaseMs);
}
