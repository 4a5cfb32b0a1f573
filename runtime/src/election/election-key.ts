/**
 * Prefix of every election's lock key: `ddb-lock ls` and `inspect` recognise elections by it, and
 * an IAM grant can cover all elections with `keyPrefix: 'election/'`.
 *
 * @example
 * ```ts
 * key.startsWith(ELECTION_KEY_PREFIX); // an election's item
 * ```
 */
export const ELECTION_KEY_PREFIX = 'election/';

/**
 * The lock key of election `name`.
 *
 * @example
 * ```ts
 * electionKey('billing-scheduler'); // 'election/billing-scheduler'
 * ```
 */
export function electionKey(name: string): string {
  return `${ELECTION_KEY_PREFIX}${name}`;
}

/**
 * The election a lock key belongs to, or `undefined` for an ordinary lock.
 *
 * @example
 * ```ts
 * electionName('election/billing'); // 'billing'
 * ```
 */
export function electionName(key: string): string | undefined {
  return key.startsWith(ELECTION_KEY_PREFIX) ? key.slice(ELECTION_KEY_PREFIX.length) : undefined;
}
