// @ddb-lock/runtime/protocol — internal: the lock protocol's pure request builders, for the
// bench's raw replay and for tools that must send exactly the client's requests. No stability
// promise beyond the package's own version.

// The runtime's defaults, for callers of the builders that want the client's values.
export { DEFAULTS } from '../defaults.js';
export { type AcquireAttempt, type AcquireGrounds, acquireRequest, fenceBase } from './acquire-request.js';
export { dataValue } from './data-value.js';
export { addSet, type FencedWriteInput, fencedWriteRequest } from './fenced-write-request.js';
export { grantCheck } from './grant-check.js';
export { type Condition, grantCondition } from './grant-condition.js';
export { heartbeatRequest, type Renewal } from './heartbeat-request.js';
export type { HeldGrant } from './held-grant.js';
export { type LockInfo, parseLockInfo } from './lock-info.js';
export { keyOf, type LockKey, lockKey } from './lock-key.js';
export type { LockTable } from './lock-table.js';
export { placeExpired, placeHeldBy, placePath, queueEmpty, queueHasRoom } from './queue-condition.js';
export { parseQueue, placeValue, type QueuePlace } from './queue-place.js';
export { type QueueChange, queueRequest } from './queue-request.js';
export { readRequest } from './read-request.js';
export { type Release, releaseRequest } from './release-request.js';
export { ttlSeconds } from './ttl-seconds.js';
