import { EventEmitter } from 'node:events';
import { type LockLostReason, LockNotOwnerError } from '../errors.js';
import type { HeldGrant } from '../protocol/held-grant.js';
import { permitOf, type SemaphorePermit } from '../protocol/permit-key.js';
import { checkHeartbeatOptions, checkReleaseOptions } from './check-lock-options.js';
import { EndSignal, releasedReason } from './end-signal.js';
import { HeartbeatLoop } from './heartbeat-loop.js';
import { cappedLease, validityEnd } from './lease.js';
import { answerLockInternals, type LockInternals } from './lock-internals.js';
import { errorClassOf, heartbeatFailure, lostError } from './lock-messages.js';
import type { HeartbeatOptions, LockDangerEvent, LockEvents, LockInit, LockState, ReleaseOptions } from './lock-options.js';
import { type OwnLockEvent, reportLockEvent } from './lock-reporter.js';
import { LockTimers } from './lock-timers.js';
import { SerialWrites } from './serial-writes.js';

export type { HeartbeatOptions, LockDangerEvent, LockEvents, LockState, ReleaseOptions } from './lock-options.js';

/**
 * A held lock. Holds while {@link Lock.isValid} is true; check it before each side effect, pass
 * {@link Lock.signal} to the work it protects, and guard writes with {@link Lock.fence}.
 * Heartbeats run on their own (unref'd timers) until release or loss.
 *
 * Events ({@link LockEvents}): `lost` (LockLostError), `danger` (LockDangerEvent), `renewed`
 * (remaining ms), `heartbeatError` (LockUnavailableError), `releaseError` (an automatic release
 * failed).
 *
 * @example
 * ```ts
 * await using lock = await client.acquire('invoice-42');
 * lock.on('lost', (e) => console.error('lost', e.reason));
 * if (lock.isValid()) await charge({ fence: lock.fence, signal: lock.signal });
 * ```
 */
export class Lock extends EventEmitter<LockEvents> {
  /** Partition key of the lock. */
  readonly key: string;
  /** Sort key, on tables that have one. */
  readonly sortKey: string | undefined;
  /** Fencing token of this grant: larger than every earlier grant of the same key. */
  readonly fence: number;
  /** Owner identity written in the item. */
  readonly owner: string;
  /** The semaphore permit this lock is (see `@ddb-lock/runtime/semaphore`); `undefined` for a plain lock. */
  readonly permit: SemaphorePermit | undefined;

  private currentRecordVersion: string;
  private currentLeaseMs: number;
  private requestedLeaseMs: number;
  private currentData: string | Uint8Array | undefined;
  private validUntil: number;
  private lockState: LockState = 'held';
  private lostReason: LockLostReason | undefined;
  /** A lock lost by expiry gets one best-effort release; later calls send nothing. */
  private freedAfterExpiry = false;
  /** Acquires holding this grant: 1, plus each nested `reentrant` acquire not yet released. */
  private holds = 1;
  private readonly ended = new EndSignal();
  private readonly timers: LockTimers;
  private heartbeats: HeartbeatLoop | undefined;
  /** Heartbeats sent for this grant (the acquire wrote beat 0). */
  private beats = 0;
  private readonly writes = new SerialWrites();
  /** What this grant's conditional writes check (module-private: see LockInternals). */
  readonly #grant: HeldGrant;
  private readonly options: LockInit['protocol']['options'];
  /** Monotonic ms when the grant was adopted, for held times. */
  private readonly adoptedAt: number;

  /** @internal created by LockClient.acquire */
  constructor(private readonly init: LockInit) {
    super();
    this.options = init.protocol.options;
    const { info } = init;
    this.key = info.key;
    this.sortKey = info.sortKey;
    this.fence = info.fence;
    this.owner = info.owner;
    this.permit = info.permits !== undefined ? permitOf(info) : undefined;
    this.currentRecordVersion = info.recordVersion;
    this.currentLeaseMs = info.leaseMs;
    this.requestedLeaseMs = init.requestedLeaseMs;
    this.currentData = info.data;
    this.validUntil = validityEnd(init.sentAt, info.leaseMs, init.requestedLeaseMs, this.options.safetyMarginMs);
    this.adoptedAt = this.now();
    this.#grant = { key: this.key, ...(this.sortKey !== undefined && { sortKey: this.sortKey }), owner: this.owner, fence: this.fence };
    this.timers = new LockTimers({
      heartbeat: () => void this.heartbeatLoop().beat(),
      danger: () => this.warnDanger(),
      expiry: () => this.isValid() && this.armTimers(),
    });
    if (init.autoHeartbeat && this.options.heartbeatMs > 0) {
      this.timers.heartbeat(Math.max(0, this.options.heartbeatMs - (this.adoptedAt - init.sentAt)));
    }
    this.armTimers();
  }

  static {
    answerLockInternals((handle) => (#grant in handle ? (handle as Lock).#internals() : undefined));
  }
  #internals(): LockInternals {
    const markLost = (reason: LockLostReason, cause?: unknown) => this.#markLost(reason, cause);
    const retain = () => void this.holds++;
    const releaseAll = () => this.#releaseAll();
    return { protocol: this.init.protocol, grant: this.#grant, markLost, assertUsable: (op) => this.#assertUsable(op), retain, releaseAll };
  }

  /** The automatic heartbeat, made when its first timer fires: most grants end before that. */
  private heartbeatLoop(): HeartbeatLoop {
    this.heartbeats ??= new HeartbeatLoop(
      {
        held: () => this.lockState === 'held',
        ownerDone: () => this.init.renewWhile !== undefined && !this.init.renewWhile(),
        releaseForOwner: () => void this.#releaseAll().catch((error: unknown) => this.emit('releaseError', error)),
        renew: () => this.writes.run(() => this.renew({})),
        reportFailure: (error) => {
          const reported = heartbeatFailure(error);
          this.emit('heartbeatError', reported);
          const remainingMs = Math.max(0, this.validUntil - this.now());
          this.observe({ type: 'heartbeatFailed', error: reported, errorClass: errorClassOf(error), remainingMs });
        },
      },
      this.timers,
      this.options,
    );
    return this.heartbeats;
  }

  /** `held`, `releasing`, `released` or `lost`. */
  get state(): LockState {
    return this.lockState;
  }

  /** Record version written by our last confirmed acquire or heartbeat. */
  get recordVersion(): string {
    return this.currentRecordVersion;
  }

  /** Lease of the last confirmed write. */
  get leaseMs(): number {
    return this.currentLeaseMs;
  }

  /** Application data stored with the lock. */
  get data(): string | Uint8Array | undefined {
    return this.currentData;
  }

  /** Acquires holding this grant while it is held: 1, plus each nested `reentrant` acquire not yet released; 0 once not held. */
  get holdCount(): number {
    return this.lockState === 'held' ? this.holds : 0;
  }

  /** Aborts when the lock is lost or released: hand it to the work the lock protects. */
  get signal(): AbortSignal {
    return this.ended.signal;
  }

  /** Milliseconds of validity left on the monotonic clock; 0 once not held. */
  get remainingMs(): number {
    return this.isValid() ? Math.max(0, this.validUntil - this.now()) : 0;
  }

  /**
   * True while we hold the lock and our validity (lease − margin from when our last confirmed
   * write was *sent*) has not run out. Computed, not timer-driven, so a process resumed after a
   * long pause sees `false` before it acts, even before any timer has fired.
   */
  isValid(): boolean {
    if (this.lockState !== 'held' && this.lockState !== 'releasing') return false;
    if (this.now() < this.validUntil) return this.lockState === 'held';
    this.#markLost('expired');
    return false;
  }

  /**
   * Renews now: rotates the record version, extends validity, optionally changes lease and data.
   * Throws LockLostError when the lock turns out to be gone, LockNotOwnerError after release.
   */
  // async: bad input and a released/lost lock reject the promise instead of throwing at the call.
  async heartbeat(options: HeartbeatOptions = {}): Promise<void> {
    checkHeartbeatOptions(options, this.options.heartbeatMs, this.options.safetyMarginMs);
    this.#assertUsable('heartbeat');
    return this.writes.run(() => this.renew(options));
  }

  /**
   * Releases the lock: one conditional write that never touches a successor's item. Resolves true
   * when we released it (also after a lost response), false when it had already been lost.
   * Idempotent; stops heartbeats first and waits for one in flight. While nested `reentrant`
   * acquires hold the grant ({@link Lock.holdCount} > 1) it ends one hold and sends nothing.
   */
  async release(options: ReleaseOptions = {}): Promise<boolean> {
    checkReleaseOptions(options);
    if (this.holds > 1 && this.isValid()) {
      this.holds--;
      return true;
    }
    if (this.lockState === 'released') return true;
    const wasLost = this.lockState === 'lost';
    if (this.lockState === 'held') this.lockState = 'releasing';
    this.timers.clear();
    return this.writes.run(async () => {
      if (this.lockState === 'released') return true;
      // A lock that only expired locally may still carry our fence: free it for the others now.
      // One taken over (seen before the call, or by the heartbeat we waited for) needs no request.
      if (this.lockState === 'lost' && (this.lostReason !== 'expired' || this.freedAfterExpiry)) return false;
      // Still valid as the release goes out: nobody takes over before our validity ends (that
      // waits a lease), so a successor found on a retry came in through our own lost release.
      const validAtSend = !wasLost && this.lockState !== 'lost' && this.now() < this.validUntil;
      try {
        const released = await this.init.protocol.release(this.#grant, {
          deleteItem: options.deleteItem ?? this.init.deleteOnRelease,
          ...(options.data !== undefined && { data: options.data }),
        });
        if (wasLost) {
          this.freedAfterExpiry = true;
          return false;
        }
        if (!released && !validAtSend) {
          this.#markLost('stolen');
          return false;
        }
        if (this.lockState !== 'lost') {
          this.finish('released', releasedReason(this.key));
          this.observe({ type: 'released', heldMs: this.heldMs() });
        }
        return true;
      } catch (error) {
        // Unknown outcome: stop claiming the lock; at worst it stays held for one lease (L3).
        if (this.lockState !== 'lost') this.finish('released', releasedReason(this.key, error));
        this.observe({ type: 'releaseFailed', heldMs: this.heldMs(), error });
        throw error;
      }
    });
  }

  /** Ends every hold at once: `close()`, and an owner whose work is over (`renewWhile`). */
  #releaseAll(): Promise<boolean> {
    this.holds = 1;
    return this.release();
  }

  /** `await using lock = …` releases on scope exit. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }

  /** Declares the lock lost: stops timers, aborts the signal, emits `lost` once. */
  #markLost(reason: LockLostReason, cause?: unknown): void {
    if (this.lockState === 'lost' || this.lockState === 'released') return;
    this.lostReason = reason;
    const error = lostError(this.key, reason, undefined, cause);
    this.finish('lost', () => error);
    this.emit('lost', error);
    this.observe({ type: 'lost', reason, heldMs: this.heldMs(), error });
  }

  private observe(event: OwnLockEvent): void {
    reportLockEvent(this.options, this, event);
  }

  private heldMs(): number {
    return this.now() - this.adoptedAt;
  }

  private now(): number {
    return this.options.clock.monotonicNow();
  }

  /** See LockInternals.assertUsable: the one check before a heartbeat, fenced write or guarded transaction. */
  #assertUsable(operation: string): void {
    if (this.lockState === 'released' || this.lockState === 'releasing') {
      throw new LockNotOwnerError(`cannot ${operation} lock ${this.key}: it was released`);
    }
    if (!this.isValid()) throw lostError(this.key, this.lostReason ?? 'expired', `cannot ${operation}`);
  }

  private async renew(options: HeartbeatOptions): Promise<void> {
    this.#assertUsable('heartbeat');
    const requestedLeaseMs = options.leaseMs ?? this.requestedLeaseMs;
    const leaseMs = cappedLease(requestedLeaseMs, this.init.maxLeaseMs);
    const deadline = Math.min(this.options.requestTimeoutMs, this.validUntil - this.now());
    // Numbered per attempt (renewals are serialised), so a late copy of an older one is refused.
    // Found by the simulator: without the signal, close({ release: false }) left a retrying heartbeat
    // running, and its retry renewed the lease after the holder had given the lock up.
    const result = await this.init.protocol.heartbeat(this.#grant, ++this.beats, leaseMs, options.data, deadline, this.signal);
    if (!result.held) {
      this.#markLost('stolen');
      throw lostError(this.key, 'stolen');
    }
    // Validity ran out while the request was in flight: loss is final once declared.
    if (this.lockState !== 'held' || !this.isValid()) {
      if (this.lockState === 'releasing') return;
      throw lostError(this.key, 'expired');
    }
    this.currentRecordVersion = result.recordVersion;
    this.currentLeaseMs = leaseMs;
    this.requestedLeaseMs = requestedLeaseMs;
    if (options.data !== undefined) this.currentData = options.data;
    // Not max(old, new): a shorter lease lets waiters take over after it, so validity must shrink too.
    this.validUntil = validityEnd(result.sentAt, leaseMs, requestedLeaseMs, this.options.safetyMarginMs);
    this.armTimers();
    this.emit('renewed', this.validUntil - this.now());
    this.observe({ type: 'renewed', remainingMs: this.validUntil - this.now() });
  }

  private armTimers(): void {
    this.timers.validity(this.validUntil - this.now(), this.options.dangerZoneMs);
  }

  private warnDanger(): void {
    if (!this.isValid()) return;
    const remainingMs = this.validUntil - this.now();
    this.emit('danger', { key: this.key, remainingMs } satisfies LockDangerEvent);
    this.observe({ type: 'danger', remainingMs });
  }

  private finish(state: 'released' | 'lost', reason: () => Error): void {
    this.lockState = state;
    this.timers.clear();
    this.ended.end(reason);
    this.init.onClosed(this);
  }
}
