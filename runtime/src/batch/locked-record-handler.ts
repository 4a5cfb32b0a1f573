import { configurationCheck } from '../configuration.js';
import { defaultLockClient } from '../lambda/default-lock-client.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
import { BatchOrderError } from './batch-order-error.js';
import { batchSettings } from './batch-settings.js';
import { checkBatchOptions } from './check-batch-options.js';
import type { LockedBatchOptions, LockedRecordHandler, RecordKeyFn } from './locked-batch-options.js';
import { describeRecord, isStream } from './record-source.js';
import { runLockedBatch } from './run-locked-batch.js';

interface Waiting<TRecord, TResult> {
  readonly record: TRecord;
  readonly resolve: (result: TResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A record handler for Powertools' `BatchProcessor`, `SqsFifoPartialProcessorAsync` and
 * `processPartialResponse` (or `processLockedPartialResponse`, which keeps busy-only batches from
 * raising `FullBatchFailureError`) that runs each record while holding a DynamoDB lock on its key.
 * Pass `{ context }` in the processing options: the remaining time bounds every lease and wait.
 *
 * Records that Powertools hands over together (its default parallel processing) run as one
 * batch, with the rules of `lockedBatchHandler`: one hold per key, records of a key in order,
 * keys in parallel up to `concurrency`, FIFO groups and stream checkpoints respected. Records
 * handed over one at a time (the FIFO processors, `processInParallel: false`) each take and
 * release their key, one after another; in a stream batch, a record after a failed one fails
 * without running.
 *
 * @example
 * ```ts
 * import { BatchProcessor, EventType } from '@aws-lambda-powertools/batch';
 * import { lockedRecordHandler, processLockedPartialResponse } from '@ddb-lock/runtime/batch';
 *
 * const processor = new BatchProcessor(EventType.SQS);
 * const recordHandler = lockedRecordHandler(
 *   (record: SQSRecord) => `customer#${JSON.parse(record.body).customerId}`,
 *   async (record, lock) => bill(JSON.parse(record.body), { fence: lock.fence, signal: lock.signal }),
 * );
 * export const handler = (event: SQSEvent, context: Context) =>
 *   processLockedPartialResponse(event, recordHandler, processor, { context });
 * ```
 */
// an unannotated key function reads the record's fields (`record.body`); `unknown` would refuse that
// biome-ignore lint/suspicious/noExplicitAny: see the comment above
export function lockedRecordHandler<TRecord = any, TResult = unknown>(
  keyFn: RecordKeyFn<TRecord>,
  recordHandler: LockedRecordHandler<TRecord, TResult>,
  options: LockedBatchOptions<TRecord> = {},
): (record: TRecord, context?: Context) => Promise<TResult> {
  configurationCheck(() => checkBatchOptions('lockedRecordHandler', keyFn, recordHandler, options as LockedBatchOptions<never>));
  const clientOf = defaultLockClient('lockedRecordHandler', options);
  // Records handed over in the same turn of the event loop, per invocation.
  const windows = new Map<Context | undefined, Waiting<TRecord, TResult>[]>();
  // Per invocation: the first failure of a stream batch processed one record at a time.
  const streamFailures = new WeakMap<object, unknown>();

  const flush = async (waiting: Waiting<TRecord, TResult>[], context: Context | undefined): Promise<void> => {
    try {
      const entries = waiting.map((w) => ({ record: w.record, source: describeRecord(w.record) }));
      const stream = entries.some((e) => isStream(e.source.kind));
      const earlier = context && stream ? streamFailures.get(context) : undefined;
      if (earlier !== undefined) {
        const error = new BatchOrderError(
          'an earlier record of this stream batch failed; the checkpoint stops there, so this record is delivered again',
          { cause: earlier },
        );
        for (const w of waiting) w.reject(error);
        return;
      }
      const outcomes = await runLockedBatch(entries, keyFn, recordHandler, batchSettings(clientOf(), options), context);
      for (const [i, o] of outcomes.entries()) {
        if (o.ok)
          waiting[i]!.resolve(o.result as TResult); // runLockedBatch ran this handler: its result is a TResult
        else waiting[i]!.reject(o.error);
      }
      const failed = outcomes.find((o) => !o.ok);
      if (stream && context && failed && !failed.ok) streamFailures.set(context, failed.error);
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  };

  return (record, context) =>
    new Promise<TResult>((resolve, reject) => {
      let waiting = windows.get(context);
      if (!waiting) {
        const batch: Waiting<TRecord, TResult>[] = [];
        waiting = batch;
        windows.set(context, batch);
        // Powertools starts every record of a parallel batch in one turn; after it, the window closes.
        setImmediate(() => {
          windows.delete(context);
          void flush(batch, context);
        });
      }
      waiting.push({ record, resolve, reject });
    });
}
