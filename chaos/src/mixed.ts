import type { Scenario } from './scenario.js';

/**
 * Every fault class at once, for the long run: network faults at per-request rates with bursts,
 * throttling/5xx storms shorter and longer than the lease, holders paused past their lease and
 * killed, wall clocks skewed (the default takeover does not trust them).
 */
export function mixedScenario(seed: number, grants: number, workers: number, keys: number, maxMs: number): Scenario {
  return {
    name: 'mixed', seed, workers, keys, grants, maxMs,
    timing: { leaseMs: 1_000, heartbeatMs: 200, pollMs: 100, safetyMarginMs: 100, requestTimeoutMs: 250 },
    skewMs: 2_000,
    faults: {
      latencyMs: 1, jitterMs: 4, lateMs: 1_500,
      faults: {
        drop: { rate: 0.015 },
        reset: { rate: 0.01 },
        hang: { rate: 0.005 },
        throttle: { rate: 0.02, burstRate: 0.002, burstMs: 300 },
        error5xx: { rate: 0.01, burstRate: 0.001, burstMs: 200 },
        late: { rate: 0.003 },
        replay: { rate: 0.003 },
      },
    },
    nemesis: {
      everyMs: 3_000,
      pauseMs: [1_500, 3_000],
      kill: true,
      storms: [{ fault: 'throttle', ms: [200, 500] }, { fault: 'error5xx', ms: [1_500, 2_500] }],
    },
    // Long enough in the critical section for heartbeats to run under the faults.
    csMs: 250,
    careless: true,
  };
}
