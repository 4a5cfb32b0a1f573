export type { LambdaClientOptions } from '../lambda/lambda-client-options.js';
export type { LambdaContext } from '../lambda/lambda-context.js';
export { BatchOrderError } from './batch-order-error.js';
export { isBusyOnly } from './is-busy-only.js';
export { type BatchItemFailures, lockedBatchHandler } from './locked-batch-handler.js';
export type { BusyDecision, LockedBatchOptions, LockedRecordHandler, RecordKeyFn, RecordKeyResult } from './locked-batch-options.js';
export { lockedRecordHandler } from './locked-record-handler.js';
export { type PartialBatchProcessor, processLockedPartialResponse } from './process-locked-partial-response.js';
export type { RecordLock } from './record-lock.js';
