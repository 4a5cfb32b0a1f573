import type { LockInfo } from '../protocol/lock-info.js';

/**
 * Who leads an election, as its item says: the owner, the term (`fence`), the proclaimed data,
 * and the leader's own advisory expiry (its wall clock + lease at its last heartbeat).
 *
 * @example
 * ```ts
 * const leader = await election.leader();
 * if (leader) console.log(`${leader.owner} leads term ${leader.fence}`);
 * ```
 */
export interface Leader {
  readonly owner: string;
  /** The term number: the fence of the leader's grant, larger than every earlier term's. */
  readonly fence: number;
  readonly data?: string | Uint8Array;
  /** Epoch ms: the leader's wall clock + lease at its last write. Advisory only. */
  readonly expiresAt: number;
}

/**
 * A leader as {@link Election.observe} yields it: also how many terms began and ended unseen
 * since the previous value (between two polls).
 *
 * @example
 * ```ts
 * for await (const leader of election.observe({ signal })) {
 *   if (leader?.missedTerms !== 0) console.warn('terms went by unseen:', leader?.missedTerms ?? 'unknown');
 * }
 * ```
 */
export interface ObservedLeader extends Leader {
  /**
   * Terms between the previously observed one and this one that no poll saw, counted from the
   * fences (each term's fence is the previous one's + 1 while the item lives). `undefined` when
   * the count is unknown: the item was absent in between (deleted by TTL or an operator; an
   * election never deletes it) or had not been seen yet.
   */
  readonly missedTerms: number | undefined;
}

/**
 * The leader an election item names, or `undefined` when nobody leads (no item, or released).
 *
 * @example
 * ```ts
 * const leader = leaderOf(await getLock(client, electionKey('billing')));
 * ```
 */
export function leaderOf(info: LockInfo | undefined): Leader | undefined {
  if (!info || info.released) return undefined;
  return termOf(info);
}

/**
 * The term an election item records, whether it is still running or was resigned.
 *
 * @example
 * ```ts
 * const term = termOf(info); // { owner, fence, data, expiresAt }
 * ```
 */
export function termOf(info: LockInfo): Leader {
  return { owner: info.owner, fence: info.fence, ...(info.data !== undefined && { data: info.data }), expiresAt: info.expiresAt };
}
