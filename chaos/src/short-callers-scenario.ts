import { CI_TIMING } from './ci-timing.js';
import type { Scenario } from './scenario.js';

/**
 * L4 (guarantees.md scenario 24): every worker only ever `tryAcquire`s or waits less than a lease
 * per call — a tryAcquire loop, `waitMs: 0`, `waitMs: lease / 2` on one long-lived skew-free
 * client each, or a new wall-clock client per call — one call every lease / 5. Holders keep
 * their lock 0.2–0.8 s on heartbeats, and the nemesis SIGKILLs (and replaces) or pauses them past
 * the lease, so their locks must come back to such callers. Each mode has its own keys (key i:
 mode i mod 4), so each mode's takeovers are measured, not only the quickest mode's. Wall clocks are skewed within the
 * fresh callers' `maxSkewMs`; a little network noise (drops, throttling) on top.
 *
 * `maxSkewMs` 200, not withLock's default 1000: with CI's 1 s lease, expiry + 1 s + one call
 * would pass L1's own bound (1.7 s), which also checks every takeover here.
 *
 * @example
 * ```ts
 * const run = await runScenario(shortCallersScenario(909, 15_000));
 * ```
 */
export function shortCallersScenario(seed: number, durationMs: number, workers = 8, keys = 4): Scenario {
  return {
    name: 'short-callers',
    seed,
    workers,
    keys,
    durationMs,
    timing: {
      ...CI_TIMING,
      shortCalls: { modes: ['try', 'wait0', 'waitHalf', 'fresh'], intervalMs: CI_TIMING.leaseMs / 5, maxSkewMs: 200 },
    },
    skewMs: 50,
    faults: { latencyMs: 1, jitterMs: 3, faults: { drop: { rate: 0.005 }, throttle: { rate: 0.005 } } },
    nemesis: { everyMs: 1_000, kill: true, pauseMs: [1_500, 2_000] },
    warmUp: true,
    holdChance: 1,
    holdRangeMs: [200, 800],
  };
}
