import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { LockInfo } from '../protocol/lock-info.js';
import type { LockKey } from '../protocol/lock-key.js';
import type { LockProtocol } from '../protocol/lock-protocol.js';
import type { QueueChange } from '../protocol/queue-request.js';
import type { GrantPace } from './grant-pace.js';

/**
 * Timing of one fair wait: places are written to expire `placeMs` after they are (re)written and
 * renewed every `placeMs / 2`; another client removes a place only once its expiry plus
 * `skewMs` has passed on its own wall clock.
 *
 * @example
 * ```ts
 * const settings: WaitQueueSettings = { clock: systemClock, pollMs: 1_000, placeMs: 4_000, skewMs: 1_000, maxWaiters: 100 };
 * ```
 */
export interface WaitQueueSettings {
  readonly clock: Clock;
  readonly pollMs: number;
  readonly placeMs: number;
  readonly skewMs: number;
  readonly maxWaiters: number;
  /** Told when this call takes a place (observers' `queued` event). */
  readonly onQueued?: ((waitersAhead: number, holderFence: number | undefined) => void) | undefined;
}

/** Shortest pause between a waiter's polls: below it, a poll costs more than it could gain. */
const MIN_POLL_MS = 5;
/** Extra attempts a call that does not wait may make to clear expired places before giving up. */
const MAX_EXTRA_TRIES = 4;

/**
 * One acquire call's place in a lock's waiter queue (fair waiting, docs/design.md "Fair
 * waiting"): it joins after its first refused attempt, renews its place while it waits, may
 * take the lock only as the queue's head, removes places whose waiters stopped renewing, and
 * leaves when it gives up. Everything it knows comes from the item each response returns, so it
 * is told who is where after every request; no request is sent for the queue alone except a
 * join, a renewal, an eviction or a leave, each of which is also the waiter's poll.
 *
 * @example
 * ```ts
 * const queue = new WaitQueue(protocol, { key: 'job' }, 'worker-1', settings);
 * const item = await queue.poll(true);
 * queue.observe(item, performance.now());
 * if (queue.mayTake()) console.log('our turn');
 * ```
 */
export class WaitQueue {
  /** This call's waiter id: the owner name (readable in `ddb-lock inspect`) and a random suffix. */
  readonly id: string;
  private seen: LockInfo | undefined;
  private index = -1;
  private renewDue = 0;
  /** A refused join (full queue, or the item went) is not tried again before this (monotonic ms). */
  private joinAfter = 0;
  private extraTries = 0;

  constructor(
    private readonly protocol: LockProtocol,
    private readonly target: LockKey,
    owner: string,
    private readonly settings: WaitQueueSettings,
    /** How fast this lock has changed hands, shared by the client's calls on it. */
    private readonly pace: GrantPace,
  ) {
    this.id = `${owner}:${randomUUID().slice(0, 8)}`;
  }

  /** Whether this call holds a place (as of the last item seen). */
  get joined(): boolean {
    return this.index >= 0;
  }

  /** Waiters ahead of this call: its place, or the whole queue when it holds none. */
  get waitersAhead(): number {
    return this.joined ? this.index : (this.seen?.waiters?.length ?? 0);
  }

  /** The fairness an acquire write of this call carries: take the lock as the head, or while nobody queues. */
  fairness(): { place?: string } {
    return this.joined ? { place: this.id } : {};
  }

  /** Takes in the item a response showed at `at` (monotonic ms). */
  observe(item: LockInfo | undefined, at: number): void {
    this.seen = item;
    this.pace.observe(item?.fence, at);
    this.pace.queueSeen = (item?.waiters ?? []).some((place) => place.id !== this.id);
    // Derived from the item, not from what we sent: a join whose response was lost still shows
    // our place, and an eviction (we renewed too late) shows its absence: then we join again.
    const wasJoined = this.joined;
    this.index = item?.waiters?.findIndex((place) => place.id === this.id) ?? -1;
    if (this.joined && !wasJoined) {
      // A place we see but did not hear of (the join's answer was lost): it was written moments ago.
      if (this.renewDue <= at) this.renewDue = at + this.settings.placeMs / 4;
      // Announced here, not on the join's answer: a join whose answer was lost, or a join again
      // after an eviction, is a place taken too, and observers time the wait from it.
      this.settings.onQueued?.(this.index, item?.fence);
    }
  }

  /**
   * This client saw others queued for the lock when it last looked: a call that waits should
   * join before its first acquire (which the queue would refuse).
   */
  get expectsQueue(): boolean {
    return this.pace.queueSeen;
  }

  /** The queue lets this call take a free lock: it is the head, or nobody queues. */
  mayTake(): boolean {
    return this.joined ? this.index === 0 : this.seen?.waiters === undefined;
  }

  /**
   * A request is due at once, without a pause: a join (the call waits and the lock is not free
   * for it) or an eviction (an expired place stands ahead of ours).
   */
  urgent(waiting: boolean, lockFree: boolean): boolean {
    if (this.expiredAhead()) return true;
    return this.wantsToJoin(waiting, lockFree) && this.settings.clock.monotonicNow() >= this.joinAfter;
  }

  /**
   * Whether a call past its deadline should try once more: the lock is free and only expired
   * places stand before it (a short-waiting caller clears a dead waiter's place itself).
   */
  worthAnotherTry(lockFree: boolean): boolean {
    if (!lockFree || this.extraTries >= MAX_EXTRA_TRIES) return false;
    if (!this.mayTake() && !this.expiredAhead()) return false;
    this.extraTries++;
    return true;
  }

  /** The poll: a queue write when one is due (evict, join, renew), else one ConsistentRead. */
  async poll(waiting: boolean, signal?: AbortSignal): Promise<LockInfo | undefined> {
    const { clock, placeMs, maxWaiters } = this.settings;
    const expired = this.expiredAhead();
    if (expired) return (await this.protocol.changeQueue(this.target, { kind: 'evict', ...expired }, signal)).item;
    const now = clock.monotonicNow();
    const place = { id: this.id, expiresAt: clock.wallNow() + placeMs };
    let change: QueueChange | undefined;
    const blind = this.seen === undefined && this.pace.queueSeen; // a hot key: join before looking
    if ((blind || (this.seen && this.wantsToJoin(waiting, this.seen.released))) && waiting && !this.joined && now >= this.joinAfter) {
      change = { kind: 'join', place, maxWaiters };
    } else if (this.joined && now >= this.renewDue) change = { kind: 'renew', index: this.index, place };
    if (!change) return this.protocol.read(this.target, signal);
    const { done, item } = await this.protocol.changeQueue(this.target, change, signal);
    if (done) this.renewDue = now + placeMs / 2;
    else if (change.kind === 'join') this.joinAfter = now + this.settings.pollMs;
    return item;
  }

  /** A call that waits queues unless the lock is free for it now. */
  private wantsToJoin(waiting: boolean, lockFree: boolean): boolean {
    return waiting && !this.joined && !(lockFree && this.mayTake());
  }

  /**
   * The pause before the next poll, from this call's place and the pace at which the lock has
   * changed hands: wake shortly before our turn is expected, then poll the holder's end in
   * growing steps. Never longer than `pollMs`, nor past the place's renewal.
   */
  pauseMs(now: number, fallbackMs: number): number {
    const { pollMs } = this.settings;
    const perGrant = this.pace.msPerGrant;
    const seenAt = this.pace.grantSeenAt;
    const ahead = this.waitersAhead;
    let pause = fallbackMs;
    if (seenAt !== undefined && ahead <= 1) {
      // Next in line (or next but one, who is next the moment the head takes the lock): look in
      // steps of half what the current grant has lasted as far as we saw, so a release is noticed
      // within half the hold whatever the estimate. Sleeping out an estimated hold instead slowed
      // every handoff when the estimate was high, which kept it high (the scripted table: one
      // grant per 150 ms for 20 ms holds).
      // No finer than a quarter grant (next but one: half); a floor from the estimate converges,
      // as the detection lag it allows is a fraction of the grant it is estimated from.
      const sinceGrant = now - seenAt;
      pause = ahead === 0 ? Math.max((perGrant ?? 0) / 4, sinceGrant / 2) : Math.max((perGrant ?? 0) / 2, sinceGrant);
    } else if (perGrant !== undefined) {
      // Further back: most of the expected time until we are next but one.
      pause = 0.6 * (ahead - 1) * perGrant;
    }
    if (pause !== fallbackMs) pause *= 0.9 + Math.random() * 0.2; // (the caller's backoff has its own jitter)
    if (this.joined) pause = Math.min(pause, this.renewDue - now);
    return Math.min(pollMs, Math.max(MIN_POLL_MS, pause));
  }

  /**
   * Gives the place up (the call ended without the lock): one conditional remove at the index
   * last seen, and once more at the index the refusal showed. Not bound to the caller's signal
   * (an aborted call still leaves); a place this misses expires within `placeMs + skewMs`.
   */
  async leave(): Promise<void> {
    for (let attempt = 0; attempt < 2 && this.joined; attempt++) {
      const { done, item } = await this.protocol.changeQueue(this.target, { kind: 'leave', index: this.index, id: this.id });
      if (done) return;
      this.observe(item, this.settings.clock.monotonicNow());
    }
  }

  /** The first place ahead of ours whose waiter stopped renewing it, if any. */
  private expiredAhead(): { index: number; id: string; expiredBefore: number } | undefined {
    const waiters = this.seen?.waiters;
    if (!waiters) return undefined;
    const end = this.joined ? this.index : waiters.length;
    const expiredBefore = this.settings.clock.wallNow() - this.settings.skewMs;
    for (let index = 0; index < end; index++) {
      if (waiters[index]!.expiresAt < expiredBefore) return { index, id: waiters[index]!.id, expiredBefore };
    }
    return undefined;
  }
}
