import type { LockKey } from './lock-key.js';

/**
 * The parts of a held grant that its conditional writes check: the lock's key, the owner and the
 * fence written by the acquire.
 *
 * @example
 * ```ts
 * const grant: HeldGrant = { key: 'job', owner: 'worker-1#3f2a', fence: 1_733_100_000_000_001 };
 * ```
 */
export interface HeldGrant extends LockKey {
  readonly owner: string;
  readonly fence: number;
}
