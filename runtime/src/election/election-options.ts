import { LockValidationError } from '../errors.js';
import type { Lock } from '../lock/lock.js';
import { checkData, checkDuration, checkKnownKeys, checkSignal, checkString } from '../validate.js';

/**
 * Options of an {@link Election}, fixed for every campaign it runs.
 *
 * @example
 * ```ts
 * new Election(locks, 'billing-scheduler', { data: JSON.stringify({ host }), leaseMs: 10_000 });
 * ```
 */
export interface ElectionOptions {
  /** What a leader proclaims when elected (its address, say); `term.heartbeat({ data })` changes it. */
  readonly data?: string | Uint8Array;
  /** Sort key of the election's item, required exactly when the client's table has one. */
  readonly sortKey?: string;
  /** Lease of each term: a dead leader is replaced about one lease (plus a poll) after its last heartbeat. @default the client's leaseMs */
  readonly leaseMs?: number;
  /** Longest pause between a waiting candidate's (or an observer's) reads. @default the client's pollMs */
  readonly pollMs?: number;
}

/**
 * Options of {@link Election.campaign}.
 *
 * @example
 * ```ts
 * const term = await election.campaign({ signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface CampaignOptions {
  /** Stops waiting (LockAbortedError). */
  readonly signal?: AbortSignal;
  /** Proclaimed data for this term. @default the election's data */
  readonly data?: string | Uint8Array;
}

/**
 * Options of {@link Election.lead}.
 *
 * @example
 * ```ts
 * await election.lead(runScheduler, { signal: shutdown.signal });
 * ```
 */
export interface LeadOptions {
  /** Ends `lead`: a waiting campaign stops, a held term is resigned. */
  readonly signal?: AbortSignal;
  /** Proclaimed data for each term. @default the election's data */
  readonly data?: string | Uint8Array;
}

/**
 * Options of {@link Election.observe}.
 *
 * @example
 * ```ts
 * for await (const leader of election.observe({ signal, pollMs: 500 })) console.log(leader?.owner);
 * ```
 */
export interface ObserveOptions {
  /** Ends the iteration. */
  readonly signal?: AbortSignal;
  /** Pause between two reads. @default the election's pollMs */
  readonly pollMs?: number;
}

/**
 * What `lead` calls each time this candidate is elected. The term's signal aborts when the term
 * ends (demoted or resigned); `lead` campaigns again without waiting for the returned promise then.
 *
 * @example
 * ```ts
 * const work: LeaderWork = async (term) => { while (term.isValid()) await tick(term.fence, term.signal); };
 * ```
 */
export type LeaderWork = (term: Lock) => Promise<void> | void;

/**
 * Refuses bad election options before any request.
 *
 * @example
 * ```ts
 * checkElectionOptions('billing', { leaseMs: 10_000 });
 * ```
 */
export function checkElectionOptions(name: unknown, options: ElectionOptions): void {
  checkString('election name', name, 1024);
  checkKnownKeys('election options', options, ['data', 'sortKey', 'leaseMs', 'pollMs']);
  checkData('data', options.data);
  checkDuration('leaseMs', options.leaseMs);
  checkDuration('pollMs', options.pollMs);
  if (options.sortKey !== undefined) checkString('sortKey', options.sortKey, 1024);
}

/**
 * Refuses bad options of `campaign`, `lead` or `observe` before any request.
 *
 * @example
 * ```ts
 * checkCallOptions('campaign', options, ['signal', 'data']);
 * ```
 */
export function checkCallOptions(where: string, options: CampaignOptions & ObserveOptions, allowed: readonly string[]): void {
  checkKnownKeys(`${where} options`, options, allowed);
  checkSignal('signal', options.signal);
  checkData('data', options.data);
  checkDuration('pollMs', options.pollMs);
}

/**
 * Refuses a `lead` callback that is not a function.
 *
 * @example
 * ```ts
 * checkLeaderWork(fn);
 * ```
 */
export function checkLeaderWork(fn: unknown): asserts fn is LeaderWork {
  if (typeof fn !== 'function') throw new LockValidationError(`lead needs a function to run while leading, got ${typeof fn}`);
}
