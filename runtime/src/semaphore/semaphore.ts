import type { WaitResult } from '../client/acquire-outcome.js';
import { type ClientInternals, clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import { takeoverInMs } from '../client/takeover-in.js';
import { DEFAULTS } from '../defaults.js';
import { LockAbortedError, LockBusyError, LockValidationError } from '../errors.js';
import type { Lock } from '../lock/lock.js';
import type { LockInfo } from '../protocol/lock-info.js';
import type { LockKey } from '../protocol/lock-key.js';
import { permitKey } from '../protocol/permit-key.js';
import { readMany } from '../protocol/read-many.js';
import { backoffMs, sleep } from '../protocol/sleep.js';
import { checkKnownKeys } from '../validate.js';
import { checkPermitOptions, checkSemaphore } from './check-semaphore.js';
import type { PermitOptions, SemaphoreOptions } from './permit-options.js';
import { SemaphoreSizeError } from './semaphore-size-error.js';

/**
 * One permit as a consistent read saw it: its index and its item (absent items are not listed).
 *
 * @example
 * ```ts
 * for (const { permit, info } of await semaphore.holders()) console.log(permit, info.owner, info.fence);
 * ```
 */
export interface PermitHolder {
  readonly permit: number;
  readonly info: LockInfo;
}

/** Busy: the permit that could free up first, and when. */
interface Busy {
  readonly earliest: LockInfo | undefined;
  readonly retryAfterMs: number;
}

/**
 * A counting semaphore: at most N holders at once, each holding one of N permits, and each
 * permit an ordinary lock item (lease, heartbeats, fencing token, both takeover rules, the
 * client's watch memory). A dead holder's permit comes back exactly as a dead holder's lock does.
 *
 * Cost: a free semaphore is one conditional write to acquire (permit 0 first) and one to
 * release; with k of N held, at most three requests (the failed write on permit 0, one
 * consistent BatchGetItem of all N permits, one write to a free permit); a waiter reads all N
 * permits in one request per poll. N ≤ 100, one BatchGetItem's limit.
 *
 * Every client of a semaphore must agree on N: the size is recorded on each permit item and a
 * client with another N is refused with {@link SemaphoreSizeError}; `resizeSemaphore` changes it.
 *
 * @example
 * ```ts
 * import { Semaphore } from '@ddb-lock/runtime/semaphore';
 * const partnerApi = new Semaphore(locks, 'partner-api', { permits: 5 });
 * await using permit = await partnerApi.acquire({ waitMs: 10_000 });
 * await callPartner({ fence: permit.fence, signal: permit.signal });
 * ```
 */
export class Semaphore {
  /** The semaphore's name: its permits' keys start with it. */
  readonly name: string;
  /** N: how many holders at most. */
  readonly permits: number;
  readonly #internals: ClientInternals;
  readonly #keys: readonly LockKey[];

  constructor(client: LockClient, name: string, options: SemaphoreOptions) {
    this.#internals = clientInternals(client);
    checkSemaphore(this.#internals.options, name, options);
    this.name = name;
    this.permits = options.permits;
    const sortKeyed = this.#internals.options.sortKeyName !== undefined;
    this.#keys = Array.from({ length: options.permits }, (_, i) => permitKey(name, i, sortKeyed));
  }

  /**
   * Acquires a permit, waiting up to `waitMs` (default: a lease plus a poll, long enough to take
   * over a dead holder's permit). Throws LockBusyError with `retryAfterMs` — when the first
   * permit could free up — when the wait ends, LockAbortedError on abort, SemaphoreSizeError
   * when the table records another N.
   *
   * @example
   * ```ts
   * await using permit = await semaphore.acquire({ waitMs: 10_000, leaseMs: 30_000 });
   * ```
   */
  async acquire(options: PermitOptions = {}): Promise<Lock> {
    checkPermitOptions(options);
    const leaseMs = options.leaseMs ?? this.#internals.options.leaseMs;
    const waitMs = options.waitMs ?? DEFAULTS.waitMs(leaseMs, options.pollMs ?? this.#internals.options.pollMs);
    const result = await this.waitForPermit(options, waitMs);
    if (!('retryAfterMs' in result)) return result;
    const { earliest, retryAfterMs } = result;
    throw new LockBusyError(
      `all ${this.permits} permits of semaphore ${this.name} are held; retry in ${Math.ceil(retryAfterMs)} ms`,
      this.name,
      earliest?.owner,
      { ...(earliest && { holderInfo: earliest }), retryAfterMs },
    );
  }

  /**
   * One round, never waits: a permit, or `undefined` when all are held. What it reads feeds the
   * client's watch memory, so a loop of calls takes a dead holder's permit over once, together,
   * they have watched it for a lease.
   *
   * @example
   * ```ts
   * const permit = await semaphore.tryAcquire();
   * if (!permit) console.log('all permits are held: try later');
   * ```
   */
  async tryAcquire(options: Omit<PermitOptions, 'waitMs'> = {}): Promise<Lock | undefined> {
    checkPermitOptions(options);
    if ('waitMs' in options) throw new LockValidationError('tryAcquire does not wait: drop waitMs');
    const result = await this.waitForPermit(options, 0);
    return 'retryAfterMs' in result ? undefined : result;
  }

  /**
   * Who holds which permit, from one consistent read of all N permit items (released items
   * excluded). What it sees feeds the client's watch memory, as `getLock` does.
   *
   * @example
   * ```ts
   * const held = await semaphore.holders();
   * console.log(`${held.length}/${semaphore.permits}`, held.map((h) => h.info.owner));
   * ```
   */
  async holders(options: { signal?: AbortSignal } = {}): Promise<PermitHolder[]> {
    checkKnownKeys('holders options', options, ['signal']);
    const seen = await this.readAll(options.signal);
    return seen.flatMap((info, permit) => (info && !info.released ? [{ permit, info }] : []));
  }

  /** Permit 0 first (the whole cost when the semaphore is free), then one read per poll. */
  private async waitForPermit(options: PermitOptions, waitMs: number): Promise<Lock | Busy> {
    const { clock } = this.#internals.options;
    const deadline = clock.monotonicNow() + waitMs;
    try {
      // Permit 0 is every acquire's first write: it records N, so a client with another N is
      // refused here without reading anything (see docs/design.md, "Semaphores").
      const first = await this.attempt(0, options);
      if ('lock' in first) return first.lock;
      for (let poll = 0; ; poll++) {
        const seen = await this.readAll(options.signal);
        const now = clock.monotonicNow();
        const waits = seen.map((info, i) => this.takeoverIn(info, i, now));
        const candidates = waits.flatMap((wait, i) => (wait <= 0 ? [i] : []));
        let collided = false;
        if (candidates.length > 0) {
          // A random free permit, so contenders that read the same picture spread out.
          const pick = candidates[Math.floor(Math.random() * candidates.length)]!;
          const outcome = await this.attempt(pick, options);
          if ('lock' in outcome) return outcome.lock;
          // Someone else got it first: what that write saw replaces what the read saw.
          seen[pick] = outcome.holder;
          waits[pick] = this.takeoverIn(outcome.holder, pick, clock.monotonicNow());
          collided = true;
        }
        const remaining = deadline - clock.monotonicNow();
        if (remaining <= 0) return busy(seen, waits);
        const soonest = Math.min(...waits.map((w) => Math.max(0, w)));
        const pollMs = options.pollMs ?? this.#internals.options.pollMs;
        const pause = collided ? backoffMs(0, 10, 10) : Math.min(Math.max(soonest, 1), backoffMs(poll, pollMs / 4, pollMs));
        await sleep(Math.min(remaining, pause), options.signal);
      }
    } catch (error) {
      if (options.signal?.aborted && !(error instanceof LockAbortedError)) {
        throw new LockAbortedError(`waiting for a permit of semaphore ${this.name} was aborted`, { cause: error });
      }
      throw error;
    }
  }

  /** One write to permit `index` through the client's acquire path; refuses another recorded N. */
  private async attempt(index: number, options: PermitOptions): Promise<WaitResult> {
    const key = this.#keys[index]!;
    const result = await this.#internals.tryPermit(
      key.key,
      { ...options, ...(key.sortKey !== undefined && { sortKey: key.sortKey }) },
      this.permits,
    );
    if (!('lock' in result)) this.checkSize(result.holder, index);
    return result;
  }

  /** All N permit items in one consistent read, fed to the watch memory as getLock feeds it. */
  private async readAll(signal: AbortSignal | undefined): Promise<(LockInfo | undefined)[]> {
    const { protocol, watches, options } = this.#internals;
    const seen = await readMany(protocol, this.#keys, signal);
    const at = options.clock.monotonicNow();
    seen.forEach((info, i) => {
      watches.observe(this.#keys[i]!, info, at);
      this.checkSize(info, i);
    });
    return seen;
  }

  /** Ms until permit `index` could be had on what this client knows (≤ 0: now). */
  private takeoverIn(info: LockInfo | undefined, index: number, now: number): number {
    const { watches, options: settings } = this.#internals;
    const rule = { ownerName: '', maxSkewMs: settings.maxSkewMs, wallNow: settings.clock.wallNow() };
    return takeoverInMs(info, watches.get(this.#keys[index]!), rule, now);
  }

  private checkSize(info: LockInfo | undefined, index: number): void {
    if (info?.permits !== undefined && info.permits !== this.permits) {
      throw new SemaphoreSizeError(this.name, this.permits, info.permits, index);
    }
  }
}

/** The busy answer: the permit whose holder could be replaced first. */
function busy(seen: readonly (LockInfo | undefined)[], waits: readonly number[]): Busy {
  let first = 0;
  for (let i = 1; i < waits.length; i++) if (waits[i]! < waits[first]!) first = i;
  return { earliest: seen[first], retryAfterMs: Math.max(0, waits[first] ?? 0) };
}
