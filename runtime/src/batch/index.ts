export { lockedBatchHandler, type BatchItemFailures } from './locked-batch-handler.js';
export { lockedRecordHandler } from './locked-record-handler.js';
export { processLockedPartialResponse, type PartialBatchProcessor } from './process-locked-partial-response.js';
export { BatchOrderError } from './batch-order-error.js';
export { isBusyOnly } from './is-busy-only.js';
export type { LockedBatchOptions, LockedRecordHandler, RecordKeyFn, RecordKeyResult, BusyDecision } from './locked-batch-options.js';
export type { RecordLock } from './record-lock.js';
