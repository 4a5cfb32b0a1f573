import type { Clock } from '../clock.js';
import { LockLostError, LockNotOwnerError } from '../errors.js';
import { heartbeatRetryMs } from './heartbeat-retry.js';
import type { LockTimers } from './lock-timers.js';

/**
 * What the automatic heartbeat drives on its lock.
 *
 * @example
 * ```ts
 * const target: HeartbeatTarget = { held: () => true, ownerDone: () => false, releaseForOwner, renew, reportFailure };
 * ```
 */
export interface HeartbeatTarget {
  /** Still held (not releasing, released or lost). */
  held(): boolean;
  /** The owner's work is over (`renewWhile` returned false). */
  ownerDone(): boolean;
  /** Releases the lock because its owner is done; failures are the target's to report. */
  releaseForOwner(): void;
  /** One renewal, serialised with the lock's other writes. */
  renew(): Promise<void>;
  /** A failed automatic heartbeat that will be retried. */
  reportFailure(error: unknown): void;
}

/**
 * The automatic heartbeat of one lock: a renewal every `heartbeatMs` (counted from when the
 * previous one started; the first from when the acquire was sent, since validity counts from
 * there and a slow acquire leaves less of it), retried after a failure by {@link heartbeatRetryMs},
 * stopped by loss or release, and turned into a release once the owner's work is over. The lock
 * makes it when the first heartbeat is due (most grants end before), and arms that deadline
 * before its validity ones: it is usually the earliest, so {@link LockTimers}' timer is set once.
 *
 * @example
 * ```ts
 * new HeartbeatLoop(target, timers, { heartbeatMs: 5_000, clock: systemClock }).schedule(5_000);
 * ```
 */
export class HeartbeatLoop {
  private failures = 0;

  constructor(
    private readonly target: HeartbeatTarget,
    private readonly timers: LockTimers,
    private readonly options: { readonly heartbeatMs: number; readonly clock: Clock },
  ) {}

  private get heartbeatMs(): number {
    return this.options.heartbeatMs;
  }

  private now(): number {
    return this.options.clock.monotonicNow();
  }

  /** Arms the next heartbeat in `delayMs` (nothing once the lock is not held). */
  schedule(delayMs: number): void {
    if (this.heartbeatMs === 0 || !this.target.held()) return;
    this.timers.heartbeat(delayMs);
  }

  /** Renews now and schedules the next (the lock's timer calls it when the heartbeat is due). */
  async beat(): Promise<void> {
    if (!this.target.held()) return;
    // The owner's work is over (e.g. a Lambda invocation that ended without our after-hook, whose
    // stale timer fires in the next invocation): renewing would keep a lock nobody uses.
    if (this.target.ownerDone()) {
      this.target.releaseForOwner();
      return;
    }
    const started = this.now();
    try {
      await this.target.renew();
      this.failures = 0;
      // A period counts from when this heartbeat started, not when it returned: under load
      // (many locks, a slow table) the period would otherwise stretch by every round trip.
      this.schedule(Math.max(0, this.heartbeatMs - (this.now() - started)));
    } catch (error) {
      if (error instanceof LockLostError || error instanceof LockNotOwnerError) return;
      this.failures++;
      const retryMs = heartbeatRetryMs(error, this.now() - started, this.failures, this.heartbeatMs);
      this.target.reportFailure(error);
      this.schedule(retryMs);
    }
  }
}
