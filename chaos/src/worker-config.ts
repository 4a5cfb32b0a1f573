import type { CallMode, CheckParams } from './checker/types.js';

/** What the parent tells one worker process (passed as JSON in argv); the lock timing is the checker's. */
export interface WorkerConfig extends CheckParams {
  readonly id: number;
  readonly seed: number;
  readonly endpoint: string;
  readonly lockTable: string;
  readonly resourceTable: string;
  readonly keys: readonly string[];
  /** This worker's wall clock is off by this much. */
  readonly skewMs: number;
  /** Every this many ms the wall clock steps by `wallStepMs` and back (NTP steps). */
  readonly wallStepEveryMs?: number;
  readonly wallStepMs?: number;
  readonly waitMs: number;
  /** Time between the read and the write of the unfenced read-modify-write: widens the race. */
  readonly csMs: number;
  readonly thinkMs: number;
  /** After the critical section, keep the lock this long (heartbeats only) unless it is lost first. */
  readonly holdMs: number;
  /**
   * Long mode: instead of `holdMs` on every grant, hold only this fraction of grants, each for a
   * seeded time in `holdRangeMs` (most grants pass straight through; some still need heartbeats).
   */
  readonly holdChance?: number;
  readonly holdRangeMs?: readonly [number, number];
  /** Write the fenced item without checking validity first (a careless holder): the table must refuse. */
  readonly careless: boolean;
  /**
   * Send one read before saying `start`, then wait for `go` on stdin (the parent sends it once
   * every worker has started): process start-up and the SDK's first request cost a burst of CPU,
   * and eight workers paying it while the first ones already held locks, on 2 shared cores,
   * starved those holders' heartbeats into spurious L2 losses before the scenario had begun.
   */
  readonly warmUp?: boolean;
  /** L4 scenarios: how this worker calls (`shortCalls` in the timing says the rest). */
  readonly callMode?: CallMode;
  /** The lock client's `maxWatchedLocks` (0 turns its memory across calls off: proves the L4 check can fail). */
  readonly maxWatchedLocks?: number;
  /** Test hook: leave a ref'd interval running past close, so a test can prove the T1 check sees it. */
  readonly leakTimer?: boolean;
  /** Semaphore runs: the semaphore's name (its permits are `keys`, `permits` of them); grants are its permits. */
  readonly semaphore?: string;
  /** Monotonic ms after which the worker stops by itself even if the parent never says so. */
  readonly stopAt: number;
  /** Election scenario: each key is an election's (`election/NAME`), won with `Election.campaign`. */
  readonly election?: boolean;
}
