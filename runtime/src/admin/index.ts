// Operator and set-up functions, as functions (not LockClient methods) so they tree-shake away
// from a Lambda bundle that only acquires locks.

// The skew-free takeover rule, for tools that judge a holder by it (the CLI's `inspect --watch`).
export { nextWatch, type Watch, watchRemainingMs } from '../client/watch-memory.js';
export type { HeldGrant } from '../protocol/held-grant.js';
export { type ClientSettings, clientSettings } from './client-settings.js';
export { type EnsureTableResult, ensureTable } from './ensure-table.js';
export { type GetLockOptions, getLock } from './get-lock.js';
export { type ListLocksOptions, listLocks } from './list-locks.js';
export { releaseGrant } from './release-grant.js';
