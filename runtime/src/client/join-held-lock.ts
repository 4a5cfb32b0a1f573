import { LockValidationError } from '../errors.js';
import type { Lock } from '../lock/lock.js';
import { lockInternals } from '../lock/lock-internals.js';
import type { AcquireOptions } from './acquire-options.js';

/**
 * A nested `reentrant` acquire: the valid grant the client already holds on the key, with one
 * more hold on it (no request), or `undefined`. A grant that is no longer valid is not joined:
 * the acquire then goes to the table, where `reentrant` takes over an item still owned by our
 * owner name (a new grant).
 *
 * @example
 * ```ts
 * const joined = joinHeldLock(this.#held, key, options);
 * if (joined) return joined;
 * ```
 */
export function joinHeldLock(held: Iterable<Lock>, key: string, options: AcquireOptions): Lock | undefined {
  if (!options.reentrant) return undefined;
  for (const lock of held) {
    if (lock.key !== key || lock.sortKey !== options.sortKey || !lock.isValid()) continue;
    if (options.data !== undefined) {
      throw new LockValidationError(`a nested reentrant acquire of ${key} writes nothing: pass data to lock.heartbeat({ data })`);
    }
    lockInternals(lock).retain();
    if (options.onLost) lock.on('lost', options.onLost);
    if (options.onDanger) lock.on('danger', options.onDanger);
    return lock;
  }
  return undefined;
}
