import type { Lock } from '../lock/lock.js';
import type { LockClient } from '../client/lock-client.js';

/**
 * What the handler sees as `context.lock` while `withLock` holds the lock.
 *
 * @example
 * ```ts
 * const handler = async (event: Event, context: LockedContext) => {
 *   if (!context.lock.isValid()) return;
 *   await save(event, { fence: context.lock.fence, signal: context.lock.signal });
 * };
 * ```
 */
export interface LockContext {
  readonly key: string;
  readonly sortKey: string | undefined;
  /** Fencing token: pass it to the resource you write (see `fencedWrite`). */
  readonly fence: number;
  readonly data: string | Uint8Array | undefined;
  /** Aborts when the lock is lost or the invocation deadline (remaining time − margin) arrives. */
  readonly signal: AbortSignal;
  /** True while the lock is held and the invocation deadline has not arrived. */
  isValid(): boolean;
  /** The underlying lock handle. */
  readonly lock: Lock;
  /** The client holding it (for `fencedWrite` and `guardedTransaction`). */
  readonly client: LockClient;
}

/**
 * A Lambda context with the lock on it.
 *
 * @example
 * ```ts
 * middy(async (event: Event, context: LockedContext) => context.lock.fence).use(withLock((e) => e.id));
 * ```
 */
export type LockedContext<C = import('aws-lambda').Context> = C & { lock: LockContext };
