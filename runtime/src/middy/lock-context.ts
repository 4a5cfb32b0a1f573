import type { LambdaContext } from '../lambda/lambda-context.js';
import type { LockView } from '../lock/lock-view.js';

/**
 * What the handler sees as `context.lock` while `withLock` holds the lock: a read-only view.
 * It reads the grant (key, fence, owner, data, validity) and goes to `fencedWrite` and
 * `guardedTransaction`; it cannot release or renew the lock, nor reach the client — the
 * middleware releases it after the handler and reports a loss.
 *
 * @example
 * ```ts
 * const handler = async (event: Event, context: LockedContext) => {
 *   if (!context.lock.isValid()) return;
 *   await save(event, { fence: context.lock.fence, signal: context.lock.signal });
 *   await fencedWrite(context.lock, { update: ledgerUpdate(event) });
 * };
 * ```
 */
export interface LockContext extends LockView {}

/**
 * A Lambda context with the lock on it.
 *
 * @example
 * ```ts
 * middy(async (event: Event, context: LockedContext) => context.lock.fence).use(withLock((e) => e.id));
 * ```
 */
export type LockedContext<C = LambdaContext> = C & { lock: LockContext };
