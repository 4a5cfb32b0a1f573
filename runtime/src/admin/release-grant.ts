import { checkLockKey } from '../client/check-lock-key.js';
import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import { LockValidationError } from '../errors.js';
import type { HeldGrant } from '../protocol/held-grant.js';
import { checkKnownKeys, checkString } from '../validate.js';

/**
 * Releases one grant of a lock that this process does not hold — an operator's release. It is
 * the holder's own release request (`Lock.release()`): conditioned on the grant's owner and
 * fence, so it never touches a later grant, and it keeps the item marked released, so the fence
 * survives and the next grant's token is larger. Resolves true when that grant is released now
 * (also when it already was), false when the item carries another grant or is gone.
 *
 * @example
 * ```ts
 * const info = await getLock(client, 'nightly-report');
 * if (info && !info.released) await releaseGrant(client, { key: info.key, owner: info.owner, fence: info.fence });
 * ```
 */
export async function releaseGrant(client: LockClient, grant: HeldGrant): Promise<boolean> {
  const { protocol, options } = clientInternals(client);
  // async: bad input rejects the promise instead of throwing at the call, like Lock.heartbeat.
  checkKnownKeys('grant', grant, ['key', 'sortKey', 'owner', 'fence']);
  // The client's own key rule: a sort key exactly when the table has one (a sort key given for a
  // partition-key-only table was silently dropped, and the release aimed at the key alone).
  checkLockKey(options.sortKeyName, grant.key, grant.sortKey);
  checkString('owner', grant.owner, 1024);
  if (!Number.isSafeInteger(grant.fence) || grant.fence <= 0) {
    throw new LockValidationError(`fence must be a positive integer, got ${String(grant.fence)}`);
  }
  return protocol.release(grant, { deleteItem: false });
}
