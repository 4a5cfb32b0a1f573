import type { ShortRow } from './scenarios/short-takeover.js';

/**
 * Sizes of every scenario. Full mode fits in ~10 minutes on 2 cores; quick mode (CI smoke) in
 * under a minute: same code paths, fewer repeats, shorter windows, figures not meant to be quoted.
 */
export interface BenchConfig {
  readonly quick: boolean;
  /** Repeats of each measured figure; the report shows the median and min/max over these. */
  readonly rounds: number;
  /** Scenario 1: acquire+release pairs counted per contender and round. */
  readonly countOps: number;
  /** Scenario 1: rounds of the heartbeat and contended counts, which take about a lease each. */
  readonly slowCountRounds: number;
  /** Scenario 2: sequential acquire+release pairs per contender and round. */
  readonly latencyOps: number;
  /** Scenario 3: concurrency levels and the window measured at each. */
  readonly concurrency: readonly number[];
  readonly throughputWindowMs: number;
  /** Scenario 4: window per library and setting, workers on one key, hold time. */
  readonly handoffWindowMs: number;
  readonly handoffWorkers: number;
  readonly handoffHoldMs: number;
  readonly handoffRounds: number;
  /** Scenario 5: repeats per contender and the lease of the killed holder. */
  readonly takeoverRounds: number;
  readonly takeoverLeaseMs: number;
  readonly takeoverContenders: readonly string[];
  /** Scenario 5b: callers that never wait a lease (issue 9); see scenarios/short-takeover.ts. */
  readonly shortTakeover: {
    readonly rows: readonly ShortRow[];
    readonly leaseMs: number;
    readonly rounds: number;
    /** `dead` situation: the first caller arrives this long after the kill. */
    readonly deadForMs: number;
    /** Callers stop this many leases after the first arrival ("never"). */
    readonly capLeases: number;
  };
  /** Scenario 6: fresh Node processes per bundle for the init time. */
  readonly initSpawns: number;
  /**
   * Scenario 7: held-lock counts, heartbeat period and measured window. The window is a whole
   * number of periods: the locks are taken in a burst, so any other window counts a phase, not a rate.
   */
  readonly heldCounts: readonly number[];
  readonly scalingLeaseMs: number;
  readonly scalingHeartbeatMs: number;
  readonly scalingWindowMs: number;
}

/**
 * Short callers: ddb-lock in both modes (skew-free needs one long-lived client; a new client per call shows why),
 * the peers with and without trusting clocks.
 */
const SHORT_ROWS: readonly ShortRow[] = [
  { mode: 'ddb-lock', freshClient: false },
  { mode: 'ddb-lock', freshClient: true },
  { mode: 'ddb-lock-fast', freshClient: true },
  { mode: 'dlc-failopen', freshClient: false },
  { mode: 'dlc-failopen-trust', freshClient: false },
  { mode: 'deliveryhero', freshClient: false },
  { mode: 'deliveryhero-trust', freshClient: false },
];

const TAKEOVER_ALL = ['ddb-lock', 'ddb-lock-fast', 'dlc-failopen', 'dlc-failopen-trust', 'deliveryhero', 'deliveryhero-trust'];

export function benchConfig(quick: boolean): BenchConfig {
  return quick
    ? {
        quick,
        rounds: 1,
        countOps: 5,
        slowCountRounds: 1,
        latencyOps: 20,
        concurrency: [1, 4, 16],
        throughputWindowMs: 300,
        handoffWindowMs: 1_500,
        handoffWorkers: 8,
        handoffHoldMs: 20,
        handoffRounds: 1,
        takeoverRounds: 1,
        takeoverLeaseMs: 2_000,
        takeoverContenders: ['ddb-lock', 'ddb-lock-fast'],
        shortTakeover: { rows: [SHORT_ROWS[0]!, SHORT_ROWS[2]!], leaseMs: 1_000, rounds: 1, deadForMs: 2_000, capLeases: 4 },
        initSpawns: 2,
        heldCounts: [10, 100],
        scalingLeaseMs: 4_000,
        scalingHeartbeatMs: 500,
        scalingWindowMs: 1_000,
      }
    : {
        quick,
        rounds: 5,
        countOps: 20,
        slowCountRounds: 2,
        latencyOps: 200,
        concurrency: [1, 4, 16],
        throughputWindowMs: 1_500,
        handoffWindowMs: 5_000,
        handoffWorkers: 8,
        handoffHoldMs: 20,
        handoffRounds: 3,
        takeoverRounds: 3,
        takeoverLeaseMs: 2_000,
        takeoverContenders: TAKEOVER_ALL,
        shortTakeover: { rows: SHORT_ROWS, leaseMs: 1_000, rounds: 3, deadForMs: 10_000, capLeases: 8 },
        initSpawns: 10,
        heldCounts: [10, 100, 1_000],
        scalingLeaseMs: 10_000,
        scalingHeartbeatMs: 2_500,
        scalingWindowMs: 5_000,
      };
}
