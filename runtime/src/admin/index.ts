// Operator and set-up functions, as functions (not LockClient methods) so they tree-shake away
// from a Lambda bundle that only acquires locks.
export { ensureTable, type EnsureTableResult } from './ensure-table.js';
export { getLock, type GetLockOptions } from './get-lock.js';
export { listLocks, type ListLocksOptions } from './list-locks.js';
export { releaseGrant } from './release-grant.js';
export { clientSettings, type ClientSettings } from './client-settings.js';
export type { HeldGrant } from '../protocol/held-grant.js';
// The skew-free takeover rule, for tools that judge a holder by it (the CLI's `inspect --watch`).
export { nextWatch, watchRemainingMs, type Watch } from '../client/watch-memory.js';
