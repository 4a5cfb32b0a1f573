import type { LockClient } from '../client/lock-client.js';
import { DEFAULTS } from '../defaults.js';
import { LockBusyError, type LockError, LockValidationError } from '../errors.js';
import type { InvocationDeadline } from '../lambda/invocation-deadline.js';
import type { Lock } from '../lock/lock.js';
import type { LockedBatchOptions } from './locked-batch-options.js';

/**
 * One batch's hold on one key: shared by every record of that key, in order, until the last one
 * is done. `controller` aborts when the lock is lost.
 *
 * @example
 * ```ts
 * const hold: KeyHold = await holds.ensure('["customer#1",null]', { key: 'customer#1' }, record);
 * await work({ fence: hold.lock.fence, signal: hold.controller.signal });
 * ```
 */
export interface KeyHold {
  readonly lock: Lock;
  readonly controller: AbortController;
  lost?: LockError;
}

/**
 * How holds are taken: the client, lease and wait of `LockedBatchOptions`.
 *
 * @example
 * ```ts
 * const settings: HoldSettings<SQSRecord> = { client, waitMs: 0, onBusy: 'fail' };
 * ```
 */
export interface HoldSettings<TRecord> {
  readonly client: LockClient;
  readonly leaseMs?: number;
  readonly waitMs: number;
  readonly onBusy: LockedBatchOptions<TRecord>['onBusy'];
}

interface Entry {
  hold?: KeyHold;
  failure?: unknown;
  release?: Promise<boolean>;
}

/**
 * The holds of one batch (never shared between invocations): acquires a key the first time one
 * of its records needs it, remembers why a key could not be had (a busy key fails the rest of
 * its records without another request), and releases only what it acquired itself — a batch
 * that found a key busy never touches that key's item (the lesson of Powertools #5675).
 *
 * @example
 * ```ts
 * const holds = new KeyHolds({ client, waitMs: 0, onBusy: 'fail' }, deadline);
 * const hold = await holds.ensure(id, { key }, record);
 * await holds.release(id);
 * ```
 */
export class KeyHolds<TRecord> {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(
    private readonly settings: HoldSettings<TRecord>,
    private readonly deadline: InvocationDeadline,
  ) {}

  /** The hold on `id`, acquired now when this batch has none; throws why it cannot be had. */
  async ensure(id: string, key: { key: string; sortKey?: string }, record: TRecord): Promise<KeyHold> {
    const current = this.entries.get(id);
    if (current?.failure !== undefined) throw current.failure;
    // A hold lost under an earlier record is over; the next record of the key tries afresh.
    if (current?.hold && !current.hold.lost && current.release === undefined) return current.hold;
    // One lost by expiry may still carry our fence: its one best-effort release frees it.
    if (current?.hold) await this.release(id);
    const entry: Entry = {};
    this.entries.set(id, entry);
    try {
      entry.hold = await this.acquire(key, record);
      return entry.hold;
    } catch (error) {
      entry.failure = error;
      throw error;
    }
  }

  /** Releases the hold on `id` once; resolves false when it had been lost. */
  release(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (!entry?.hold) return Promise.resolve(true);
    entry.release ??= releaseQuietly(entry.hold);
    return entry.release;
  }

  /** No more acquires; releases every hold still held (the deadline path) and waits for all releases. */
  async releaseAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.entries.keys()].map((id) => this.release(id)));
  }

  private async acquire({ key, sortKey }: { key: string; sortKey?: string }, record: TRecord): Promise<KeyHold> {
    const { client, onBusy } = this.settings;
    if (this.closed || !this.deadline.canStart()) throw this.deadline.error();
    const controller = new AbortController();
    const hold: { lock?: Lock; controller: AbortController; lost?: LockError } = { controller };
    const base = {
      ...(sortKey !== undefined && { sortKey }),
      ...(this.settings.leaseMs !== undefined && { leaseMs: this.settings.leaseMs }),
      // Every write's lease (acquire and each heartbeat) is capped by the invocation's remaining
      // time: a killed environment's key frees up by about when the invocation would have ended.
      maxLeaseMs: () => this.deadline.remainingMs(),
      // Renew only while this batch runs and has time left: a timer that fires after a
      // freeze/thaw in a later invocation releases instead of renewing.
      renewWhile: () => !this.closed && this.deadline.remainingMs() > this.deadline.marginMs,
      onLost: (error: LockError) => {
        hold.lost ??= error;
        controller.abort(error);
      },
    };
    let lock: Lock;
    try {
      lock = await client.acquire(key, { ...base, waitMs: this.waitBound(this.settings.waitMs) });
    } catch (error) {
      if (!(error instanceof LockBusyError)) throw error;
      const decision = typeof onBusy === 'function' ? await onBusy(record, error) : (onBusy ?? DEFAULTS.batchOnBusy);
      if (decision !== 'wait' && decision !== 'fail') {
        throw new LockValidationError(`onBusy returned ${String(decision)}; expected 'fail' or 'wait'`, { cause: error });
      }
      if (decision === 'fail' || this.closed || !this.deadline.canStart()) throw error;
      lock = await client.acquire(key, { ...base, waitMs: this.waitBound(Number.POSITIVE_INFINITY) });
    }
    if (this.closed) {
      // The deadline came while we acquired: give it back at once.
      await releaseQuietly({ lock, controller });
      throw this.deadline.error();
    }
    hold.lock = lock;
    return hold as KeyHold;
  }

  /** A wait never runs into the time needed to run a record and release. */
  private waitBound(waitMs: number): number {
    return Math.max(0, Math.floor(Math.min(waitMs, this.deadline.budgetMs() - this.deadline.marginMs)));
  }
}

async function releaseQuietly(hold: { lock: Lock; controller: AbortController }): Promise<boolean> {
  try {
    return await hold.lock.release();
  } catch (error) {
    // Outcome unknown: the lock stops renewing and expires within one lease. The records it
    // covered are done; failing them would only deliver finished work again.
    console.warn(`ddb-lock batch: releasing ${hold.lock.key} failed; it expires within one lease`, error);
    return true;
  }
}
