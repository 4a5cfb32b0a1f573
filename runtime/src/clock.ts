/**
 * Time sources for the lock. Lease arithmetic uses only `monotonicNow` (never goes back, not
 * affected by NTP steps or DST); `wallNow` is written into items for TTL and the opt-in fast
 * takeover, never used to decide our own validity.
 *
 * @example
 * ```ts
 * const clock: Clock = { monotonicNow: () => performance.now(), wallNow: () => Date.now() };
 * ```
 */
export interface Clock {
  /** Milliseconds on a monotonic clock, arbitrary origin. */
  monotonicNow(): number;
  /** Milliseconds since the Unix epoch. */
  wallNow(): number;
}

/**
 * The process clocks. Read through `globalThis` at each call so fake timers installed after
 * import (tests) are honoured.
 *
 * @example
 * ```ts
 * const t0 = systemClock.monotonicNow();
 * ```
 */
export const systemClock: Clock = {
  monotonicNow: () => globalThis.performance.now(),
  wallNow: () => Date.now(),
};
