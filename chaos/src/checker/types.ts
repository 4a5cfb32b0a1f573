import type { AppliedWrite } from '../dynamo-wire.js';
import type { FaultClass } from '../faults.js';
import type { HistoryEvent } from '../history.js';

/** The timing the run promised to the lock client, which bounds the checks. */
export interface CheckParams {
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly pollMs: number;
  readonly safetyMarginMs: number;
  readonly requestTimeoutMs: number;
  /** Fast takeover's skew bound, when the run uses it. */
  readonly maxSkewMs?: number;
  /** Workers that never wait a lease per call (L4): how they call, and the bound they are held to. */
  readonly shortCalls?: ShortCalls;
  /** Semaphore runs: the keys are the N permits of one semaphore, and SN bounds the holders at N. */
  readonly permits?: number;
}

/**
 * How a short caller tries for a lock, never waiting a lease in one call: `try` a `tryAcquire`
 * loop, `wait0` `acquire({ waitMs: 0 })`, `waitHalf` `acquire({ waitMs: lease / 2 })` (all on
 * one long-lived client, skew-free), `fresh` a new client per call in wall-clock mode (a new
 * Lambda execution environment each time).
 */
export type CallMode = 'try' | 'wait0' | 'waitHalf' | 'fresh';

export interface ShortCalls {
  /** Worker `id` calls in mode `modes[id % modes.length]`. */
  readonly modes: readonly CallMode[];
  /** A call starts this long after the previous one started (or at once, if that one took longer). */
  readonly intervalMs: number;
  /** `fresh` callers' `trustWallClock.maxSkewMs`. */
  readonly maxSkewMs: number;
}

/** Everything the checker reads: the workers' and nemesis' history and the server's truth. */
export interface RunRecord {
  readonly history: readonly HistoryEvent[];
  readonly applied: readonly AppliedWrite[];
  readonly faults: ReadonlyArray<{ t: number; worker: number | undefined; fault: FaultClass }>;
  readonly params: CheckParams;
}

export type Property =
  | 'S1-stale-fenced-write'
  | 'S1-fence-regression'
  | 'S1-stale-protocol-write'
  | 'S2-overlap'
  /** SN: more holders of one semaphore believed a permit valid at once than it has permits. */
  | 'SN-more-than-N'
  | 'S2-lost-update'
  | 'L1-early-takeover'
  | 'L1-slow-takeover'
  | 'L2-spurious-loss'
  | 'L3-leaked-lock'
  /** L4: short callers took a dead holder's lock later than lease + two calls after first seeing its last version. */
  | 'L4-late-takeover'
  /** L4: a short caller took a dead holder's lock less than one lease after its last write. */
  | 'L4-early-takeover'
  | 'busy-for-own-lock'
  /** A worker that closed its client still had ref'd timers pending. */
  | 'T1-timers-left-running'
  /** A worker asked to stop did not close, or did not exit on its own after closing. */
  | 'T1-no-clean-exit'
  /** Scenario 7: our own release landed, its response was lost, and release() reported the lock lost. */
  | 'release-misreported';

export interface Violation {
  readonly property: Property;
  readonly key: string;
  /** Monotonic ms around which the excerpt is cut. */
  readonly t: number;
  readonly message: string;
}
