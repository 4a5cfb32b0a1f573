import { LockValidationError } from '../errors.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
import { isBusyOnly } from './is-busy-only.js';
import type { BatchItemFailures } from './locked-batch-handler.js';

/**
 * The part of a Powertools partial batch processor (`BatchProcessor`,
 * `SqsFifoPartialProcessorAsync`, …) this module uses — by shape, so Powertools stays an optional
 * peer that nothing here imports.
 *
 * @example
 * ```ts
 * const processor: PartialBatchProcessor = new BatchProcessor(EventType.SQS);
 * ```
 */
export interface PartialBatchProcessor {
  // Powertools' BatchProcessor must be assignable here; its register() takes typed records, handler and options, which only `any` accepts
  // without importing Powertools' types into the core
  /** Takes the batch's records and the record handler (Powertools' `register`). */
  // biome-ignore lint/suspicious/noExplicitAny: see the comment above
  register(records: any[], handler: (...args: any[]) => unknown, options?: any): unknown;
  /** Runs the handler over every registered record. */
  process(): Promise<unknown>;
  /** Forgets the previous batch. */
  clean(): void;
  /** The partial batch response: the records that failed. */
  response(): BatchItemFailures;
  readonly errors: Error[];
}

/**
 * Powertools' `processPartialResponse`, except that a batch whose every record failed only
 * because someone else holds its key (or was held back behind such a record) is answered with a
 * partial response naming every record, not Powertools' `FullBatchFailureError`: contention is
 * not a broken function, and a function error would make Lambda's pollers back off (SQS) or
 * bisect and retry the whole batch (streams). Any other full-batch failure still raises
 * Powertools' own error, unless `throwOnFullBatchFailure: false`.
 *
 * @example
 * ```ts
 * export const handler = (event: SQSEvent, context: Context) =>
 *   processLockedPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context });
 * ```
 */
export async function processLockedPartialResponse(
  event: { Records: unknown[] },
  // a handler typed for SQSRecord, KinesisStreamRecord or a stream record must be accepted as it is (parameter bivariance needs `any`)
  // biome-ignore lint/suspicious/noExplicitAny: see the comment above
  recordHandler: (record: any, context?: Context) => unknown,
  processor: PartialBatchProcessor,
  options: { context?: Context; throwOnFullBatchFailure?: boolean; [option: string]: unknown } = {},
): Promise<BatchItemFailures> {
  if (!Array.isArray(event?.Records)) throw new LockValidationError('processLockedPartialResponse: the event has no Records array');
  processor.register(event.Records, recordHandler, { ...options, throwOnFullBatchFailure: false });
  await processor.process();
  const errors = processor.errors;
  const allFailed = errors.length > 0 && errors.length === event.Records.length;
  if (allFailed && options.throwOnFullBatchFailure !== false && !isBusyOnly(errors)) {
    // Powertools' own check and error, with the caller's options back in place.
    processor.register(event.Records, recordHandler, { ...options, throwOnFullBatchFailure: true });
    processor.clean();
  }
  return processor.response();
}
