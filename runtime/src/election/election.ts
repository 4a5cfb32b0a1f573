import type { AcquireOptions } from '../client/acquire-options.js';
import { checkLockKey } from '../client/check-lock-key.js';
import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import { checkTiming } from '../client/lock-client-options.js';
import { LockAbortedError, LockBusyError, LockLostError, LockUnavailableError } from '../errors.js';
import type { Lock } from '../lock/lock.js';
import { notify } from '../observe/lock-observer.js';
import type { LockInfo } from '../protocol/lock-info.js';
import { type LockKey, lockKey } from '../protocol/lock-key.js';
import { backoffMs, sleep } from '../protocol/sleep.js';
import { electionKey } from './election-key.js';
import {
  type CampaignOptions,
  checkCallOptions,
  checkElectionOptions,
  checkLeaderWork,
  type ElectionOptions,
  type LeaderWork,
  type LeadOptions,
  type ObserveOptions,
} from './election-options.js';
import { type Leader, leaderOf, type ObservedLeader } from './leader.js';
import { type TermCursor, termChanges } from './term-changes.js';

/**
 * How long one acquire call of a campaign waits. A campaign waits as long as it takes: it calls
 * acquire again when one ends busy. Each call starts with one conditional write (then reads
 * only), so the length only sets how often that write is spent.
 */
const CAMPAIGN_CALL_WAIT_MS = 60 * 60 * 1000;

/**
 * Leader election on one lock item: a term is a {@link Lock} on the election's key, its `fence`
 * the term number. Candidates wait with the client's acquire (one read per poll; a live leader
 * is never taken over, a dead one after the client's takeover rule), so terms inherit the lock's
 * guarantees: the fence grows across resignation, crash and takeover, and a leader learns of its
 * demotion (signal aborted, `isValid()` false) before it could act on a stale belief. The item
 * is never deleted (a release marks it released), so term numbers stay countable for observers.
 *
 * @example
 * ```ts
 * const election = new Election(locks, 'billing-scheduler', { data: JSON.stringify({ host }) });
 * await election.lead(async (term) => {
 *   while (term.isValid()) await runOnce({ fence: term.fence, signal: term.signal });
 * }, { signal: shutdown.signal });
 * ```
 */
export class Election {
  /** The election's name (observers and metrics use it). */
  readonly name: string;
  /** The key of the election's lock item: `election/` + name. */
  readonly key: string;
  readonly #client: LockClient;
  readonly #options: ElectionOptions;
  readonly #lockKey: LockKey;

  constructor(client: LockClient, name: string, options: ElectionOptions = {}) {
    checkElectionOptions(name, options);
    const settings = clientInternals(client).options;
    this.name = name;
    this.key = electionKey(name);
    checkLockKey(settings.sortKeyName, this.key, options.sortKey);
    if (options.leaseMs !== undefined) checkTiming(options.leaseMs, settings.heartbeatMs, settings.safetyMarginMs);
    this.#client = client;
    this.#options = { ...options };
    this.#lockKey = lockKey(this.key, options.sortKey);
  }

  /**
   * Waits until this candidate is elected, however long that takes, and resolves with the term:
   * a Lock whose `fence` is the term number. Resign with `term.release()`; proclaim new data with
   * `term.heartbeat({ data })`. A live leader is never displaced; a dead one is replaced once this
   * client has watched its record version unchanged for a lease (or, with `trustWallClock`, once
   * its expiry plus the skew bound has passed). DynamoDB being unavailable (LockUnavailableError)
   * does not end a campaign: it keeps trying, with backoff. Rejects with LockAbortedError when the
   * signal aborts.
   */
  async campaign(options: CampaignOptions = {}): Promise<Lock> {
    checkCallOptions('campaign', options, ['signal', 'data']);
    const { sortKey, leaseMs, pollMs } = this.#options;
    const data = options.data ?? this.#options.data;
    const acquireOptions: AcquireOptions = {
      waitMs: CAMPAIGN_CALL_WAIT_MS,
      // Kept, never deleted: a deleted item's next fence restarts from a time base, and
      // observers could no longer count the terms they missed.
      deleteOnRelease: false,
      // Candidates do not queue (fair waiting off): a standby candidate waits as long as it takes,
      // and a queue place would cost it a renewal write every few polls, forever, to decide an
      // order nobody needs; any candidate may lead. So a waiting candidate only reads, once a poll.
      fair: false,
      ...(sortKey !== undefined && { sortKey }),
      ...(leaseMs !== undefined && { leaseMs }),
      ...(pollMs !== undefined && { pollMs }),
      ...(data !== undefined && { data }),
      ...(options.signal && { signal: options.signal }),
    };
    for (let failures = 0; ; ) {
      try {
        const term = await this.#client.acquire(this.key, acquireOptions);
        this.#reportTerm(term);
        return term;
      } catch (error) {
        if (error instanceof LockBusyError) continue;
        // A candidate outlives outages (throttling, 5xx, timeouts): it keeps campaigning. An
        // ambiguous attempt that did land is an orphan grant, taken over like a dead leader's.
        if (!(error instanceof LockUnavailableError)) throw error;
        await sleep(backoffMs(failures++, this.#pollMs() / 4, this.#pollMs()), options.signal).catch((abort: unknown) => {
          throw new LockAbortedError(`campaign for election ${this.name} was aborted`, { cause: abort });
        });
      }
    }
  }

  /**
   * Curator's LeaderSelector: campaigns, calls `work(term)` when elected, and campaigns again when
   * the term ends, until the signal aborts (then a held term is resigned and `lead` resolves).
   * The term ends when `work` returns (resigned), or when the term is lost (demoted): then `lead`
   * campaigns again at once, without waiting for `work`, whose signal (`term.signal`) has aborted.
   * `work` throwing while the term holds resigns it and rejects `lead` with that error.
   */
  async lead(work: LeaderWork, options: LeadOptions = {}): Promise<void> {
    checkLeaderWork(work);
    checkCallOptions('lead', options, ['signal', 'data']);
    const { signal } = options;
    while (!signal?.aborted) {
      let term: Lock;
      try {
        term = await this.campaign(options);
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      const failure = await serveTerm(term, work, signal);
      if (failure) throw failure.error;
    }
  }

  /** The current leader, from one ConsistentRead; `undefined` when nobody holds a term. */
  async leader(): Promise<Leader | undefined> {
    return leaderOf(await this.#read());
  }

  /**
   * Yields the current leader (or `undefined`) first, then every change of term in order: a new
   * term (with how many terms went by unseen between two polls: `missedTerms`), a resignation
   * (`undefined`), new proclaimed data (the leader again). One ConsistentRead per poll. Ends when
   * the signal aborts; transient read errors are retried at the next poll.
   */
  observe(options: ObserveOptions = {}): AsyncGenerator<ObservedLeader | undefined, void, undefined> {
    checkCallOptions('observe', options, ['signal', 'pollMs']);
    return this.#observe(options.signal, options.pollMs ?? this.#pollMs());
  }

  #pollMs(): number {
    return this.#options.pollMs ?? clientInternals(this.#client).options.pollMs;
  }

  async *#observe(signal: AbortSignal | undefined, pollMs: number): AsyncGenerator<ObservedLeader | undefined, void, undefined> {
    let cursor: TermCursor | undefined;
    while (!signal?.aborted) {
      let info: LockInfo | undefined;
      try {
        info = await this.#read(signal);
      } catch (error) {
        if (signal?.aborted) return;
        if (!(error instanceof LockUnavailableError)) throw error;
        await sleep(pollMs, signal).catch(() => undefined);
        continue;
      }
      const next = termChanges(cursor, info);
      cursor = next.cursor;
      for (const change of next.changes) yield change;
      await sleep(pollMs, signal).catch(() => undefined);
    }
  }

  /** One ConsistentRead, fed to the client's watches as `getLock` does (a later campaign may use it). */
  async #read(signal?: AbortSignal): Promise<LockInfo | undefined> {
    const internals = clientInternals(this.#client);
    const info = await internals.protocol.read(this.#lockKey, signal);
    internals.watches.observe(this.#lockKey, info, internals.options.clock.monotonicNow());
    return info;
  }

  /** Tells the client's observers about a term: elected now; demoted or resigned when it ends. */
  #reportTerm(term: Lock): void {
    const { observers, clock } = clientInternals(this.#client).options;
    if (observers.length === 0) return;
    const base = () => ({
      key: term.key,
      ...(term.sortKey !== undefined && { sortKey: term.sortKey }),
      at: clock.wallNow(),
      election: this.name,
      fence: term.fence,
      owner: term.owner,
    });
    const electedAt = clock.monotonicNow();
    notify(observers, { ...base(), type: 'elected' });
    const ended = () => {
      const heldMs = clock.monotonicNow() - electedAt;
      const reason = term.signal.reason;
      if (term.state === 'released') notify(observers, { ...base(), type: 'resigned', heldMs });
      else notify(observers, { ...base(), type: 'demoted', heldMs, reason: reason instanceof LockLostError ? reason.reason : 'stolen' });
    };
    // A term can be over by the time the acquire returns (its validity spent on a slow answer).
    if (term.signal.aborted) ended();
    else term.signal.addEventListener('abort', ended, { once: true });
  }
}

/**
 * Runs `work` for one term: resolves when the term ends (demoted or resigned: the callback is no
 * longer waited for) or when `work` settles first (then the term is resigned; an error is returned
 * for `lead` to throw). Aborting `signal` resigns the term.
 */
async function serveTerm(term: Lock, work: LeaderWork, signal: AbortSignal | undefined): Promise<{ error: unknown } | undefined> {
  const resign = () =>
    term.release().then(
      () => undefined,
      () => undefined, // unknown outcome: the term frees itself within a lease (L3)
    );
  const onAbort = () => void resign();
  signal?.addEventListener('abort', onAbort, { once: true });
  // The term's heartbeats run on unref'd timers (a lock must never keep a Lambda alive), and a
  // waiting campaign's polls are ref'd: without this, a leader whose work only awaits its signal
  // would let Node exit mid-term — silently, its term left to expire. `lead` runs until aborted.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    const ended = new Promise<'ended'>((resolve) => {
      if (term.signal.aborted) resolve('ended');
      else term.signal.addEventListener('abort', () => resolve('ended'), { once: true });
    });
    const done = (async () => work(term))().then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    const first = await Promise.race([ended, done]);
    if (first === 'ended') {
      if (signal?.aborted) await resign(); // the resignation the abort started: lead returns after it
      return undefined;
    }
    await resign();
    return first;
  } finally {
    clearInterval(keepAlive);
    signal?.removeEventListener('abort', onAbort);
  }
}
