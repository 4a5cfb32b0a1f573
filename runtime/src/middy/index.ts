export { withLock } from './with-lock.js';
export type { WithLockOptions, LockKeyFn, LockKeyResult, LockRequest } from './with-lock-options.js';
export type { LockContext, LockedContext } from './lock-context.js';
