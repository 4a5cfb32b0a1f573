import type { CheckParams } from './checker/index.js';

/**
 * Short leases for CI, so each scenario sees many grants, takeovers and losses in seconds.
 * L2's bound here: lease − heartbeat − margin = 700 ms.
 */
export const CI_TIMING: CheckParams = { leaseMs: 1_000, heartbeatMs: 200, pollMs: 100, safetyMarginMs: 100, requestTimeoutMs: 250 };

/** Long enough for ~100 grants and several nemesis actions; short enough for ten scenarios in CI. */
export const CI_DURATION_MS = 8_000;
