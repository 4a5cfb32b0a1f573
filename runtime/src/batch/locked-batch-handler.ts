import { configurationCheck } from '../configuration.js';
import { LockBusyError, LockValidationError } from '../errors.js';
import { defaultLockClient } from '../lambda/default-lock-client.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
import { BatchOrderError } from './batch-order-error.js';
import { batchSettings } from './batch-settings.js';
import { checkBatchOptions } from './check-batch-options.js';
import type { LockedBatchOptions, LockedRecordHandler, RecordKeyFn } from './locked-batch-options.js';
import { describeRecord, isStream } from './record-source.js';
import { type RecordOutcome, runLockedBatch } from './run-locked-batch.js';

/**
 * The partial batch response Lambda reads when the event source mapping has
 * `ReportBatchItemFailures`.
 *
 * @example
 * ```ts
 * const response: BatchItemFailures = { batchItemFailures: [{ itemIdentifier: record.messageId }] };
 * ```
 */
export interface BatchItemFailures {
  batchItemFailures: Array<{ itemIdentifier: string }>;
}

/**
 * A Lambda handler for SQS (standard and FIFO), Kinesis and DynamoDB Streams batches that runs
 * each record while holding a DynamoDB lock on the record's key, and answers with a partial
 * batch response (set `ReportBatchItemFailures` on the event source mapping). No Powertools needed.
 *
 * - Records of one key run in order under one hold, never busy against each other; keys run in
 *   parallel up to `concurrency`.
 * - A key someone else holds: `onBusy` — `'fail'` (default: its records are delivered again),
 *   `'wait'` (until the deadline), or a function deciding per record.
 * - SQS FIFO: a failure fails the rest of its message group; other groups go on.
 * - Kinesis / DynamoDB Streams: every key is taken before any record runs; a failed record fails
 *   every later record of the batch (Lambda checkpoints at the lowest failure). A busy key at the
 *   front of a batch holds back the whole batch behind it: that is the head-of-line cost.
 * - At remaining time − `deadlineMarginMs` unfinished records fail and every hold is released.
 *   Only locks this invocation acquired are ever released.
 *
 * @example
 * ```ts
 * import type { SQSRecord } from 'aws-lambda';
 * import { lockedBatchHandler } from '@ddb-lock/runtime/batch';
 *
 * export const handler = lockedBatchHandler(
 *   (record: SQSRecord) => `customer#${JSON.parse(record.body).customerId}`,
 *   async (record, lock) => bill(JSON.parse(record.body), { fence: lock.fence, signal: lock.signal }),
 * );
 * ```
 */
// an unannotated key function reads the record's fields (`record.body`); `unknown` would refuse that
// biome-ignore lint/suspicious/noExplicitAny: see the comment above
export function lockedBatchHandler<TRecord = any>(
  keyFn: RecordKeyFn<TRecord>,
  recordHandler: LockedRecordHandler<TRecord>,
  options: LockedBatchOptions<TRecord> = {},
): (event: { Records: TRecord[] }, context: Context) => Promise<BatchItemFailures> {
  configurationCheck(() => checkBatchOptions('lockedBatchHandler', keyFn, recordHandler, options as LockedBatchOptions<never>));
  const clientOf = defaultLockClient('lockedBatchHandler', options);
  return async (event, context) => {
    const records: unknown = event?.Records;
    if (!Array.isArray(records))
      throw new LockValidationError(
        'lockedBatchHandler: the event has no Records array (is this an SQS, Kinesis or DynamoDB Streams event?)',
      );
    const entries = records.map((record: TRecord, i) => {
      const source = describeRecord(record);
      if (source.kind === 'other')
        throw new LockValidationError(`lockedBatchHandler: record ${i} is not an SQS, Kinesis or DynamoDB Streams record`);
      return { record, source };
    });
    const client = clientOf();
    const outcomes = await runLockedBatch(entries, keyFn, recordHandler, batchSettings(client, options), context);
    report(outcomes);
    // Streams check-point at the lowest failure: name it and everything after it.
    const stream = entries.some((e) => isStream(e.source.kind));
    const firstFailed = outcomes.findIndex((o) => !o.ok);
    const failed = entries.filter((_, i) => (stream ? firstFailed >= 0 && i >= firstFailed : !outcomes[i]!.ok));
    return { batchItemFailures: failed.map((e) => ({ itemIdentifier: e.source.itemIdentifier! })) };
  };
}

/** Handler errors would vanish into a partial response: log them (not busy keys or held-back records). */
function report(outcomes: readonly RecordOutcome[]): void {
  for (const o of outcomes) {
    if (!o.ok && !(o.error instanceof LockBusyError) && !(o.error instanceof BatchOrderError)) {
      console.error('ddb-lock batch: record failed', o.error);
    }
  }
}
