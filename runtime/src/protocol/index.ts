// @ddb-lock/runtime/protocol — internal: the lock protocol's pure request builders, for the
// bench's raw replay and for tools that must send exactly the client's requests. No stability
// promise beyond the package's own version.
export { acquireRequest, fenceBase, type AcquireAttempt, type AcquireGrounds } from './acquire-request.js';
export { heartbeatRequest, type Renewal } from './heartbeat-request.js';
export { releaseRequest, type Release } from './release-request.js';
export { readRequest } from './read-request.js';
export { grantCheck } from './grant-check.js';
export { grantCondition, type Condition } from './grant-condition.js';
export { fencedWriteRequest, addSet, type FencedWriteInput } from './fenced-write-request.js';
export { keyOf, lockKey, type LockKey } from './lock-key.js';
export type { LockTable } from './lock-table.js';
export type { HeldGrant } from './held-grant.js';
export { ttlSeconds } from './ttl-seconds.js';
export { dataValue } from './data-value.js';
export { parseLockInfo, type LockInfo } from './lock-info.js';
// The runtime's defaults, for callers of the builders that want the client's values.
export { DEFAULTS } from '../defaults.js';
