import { checkLockKey } from '../client/check-lock-key.js';
import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import type { LockInfo } from '../protocol/lock-info.js';
import { lockKey } from '../protocol/lock-key.js';
import { checkKnownKeys } from '../validate.js';

/**
 * Options of {@link getLock}.
 *
 * @example
 * ```ts
 * const options: GetLockOptions = { sortKey: 'customer#42' };
 * ```
 */
export interface GetLockOptions {
  /** Sort key, required exactly when the client's table has one. */
  readonly sortKey?: string;
}

/**
 * ConsistentRead of one lock's item; `undefined` when there is none. What it sees is added to
 * the client's watch memory, like an acquire's sighting (a later takeover can count from it).
 *
 * @example
 * ```ts
 * import { getLock } from '@ddb-lock/runtime/admin';
 * const info = await getLock(client, 'nightly-report');
 * if (info && !info.released) console.log(`${info.owner} holds it, fence ${info.fence}`);
 * ```
 */
export async function getLock(client: LockClient, key: string, options: GetLockOptions = {}): Promise<LockInfo | undefined> {
  const internals = clientInternals(client);
  checkKnownKeys('getLock options', options, ['sortKey']);
  checkLockKey(internals.options.sortKeyName, key, options.sortKey);
  const lock = lockKey(key, options.sortKey);
  const info = await internals.protocol.read(lock);
  internals.watches.observe(lock, info, internals.options.clock.monotonicNow());
  return info;
}
