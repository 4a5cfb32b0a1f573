export type { LambdaClientOptions } from '../lambda/lambda-client-options.js';
export type { LambdaContext } from '../lambda/lambda-context.js';
export type { LockContext, LockedContext } from './lock-context.js';
export { withLock } from './with-lock.js';
export type { LockKeyFn, LockKeyResult, LockRequest, WithLockOptions } from './with-lock-options.js';
export { type SemaphoreNameFn, type WithPermitOptions, withPermit } from './with-permit.js';
