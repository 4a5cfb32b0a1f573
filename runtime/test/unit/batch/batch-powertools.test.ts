import {
  BatchProcessor,
  EventType,
  FullBatchFailureError,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import { afterEach, expect, jest, test } from '@jest/globals';
import type { KinesisStreamRecord, SQSRecord } from 'aws-lambda';
import { BatchOrderError, lockedRecordHandler, processLockedPartialResponse, type RecordLock } from '../../../src/batch/index.js';
import { idOf, kinesisRecord, payloadOf, sqsRecord } from '../../support/batch-events.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { ScriptedLockClient } from './batch-support.js';

// lockedRecordHandler inside Powertools' own processors (the pinned dev dependency), unmodified.

const byCustomer = (record: SQSRecord | KinesisStreamRecord) => `customer#${payloadOf<{ c: string }>(record).c}`;
const failures = (r: { batchItemFailures: Array<{ itemIdentifier: string }> }) => r.batchItemFailures.map((f) => f.itemIdentifier);

function work(client: ScriptedLockClient, fail?: (id: string) => boolean) {
  const fences = new Map<string, number>();
  const handler = async (record: SQSRecord | KinesisStreamRecord, lock: RecordLock) => {
    const { id } = payloadOf<{ id: string }>(record);
    client.log.push(`start ${id}`);
    fences.set(id, lock.fence);
    await new Promise((r) => setTimeout(r, 5));
    if (fail?.(id)) throw new Error(`failed ${id}`);
    client.log.push(`end ${id}`);
    return id;
  };
  return { handler, fences };
}

afterEach(() => {
  jest.restoreAllMocks();
});

test('BatchProcessor (parallel): records of a key share one hold and run in order; the response names the busy records', async () => {
  const client = new ScriptedLockClient();
  client.others.set('customer#busy', true);
  const w = work(client);
  const records = [
    sqsRecord({ c: 'a', id: 'a1' }),
    sqsRecord({ c: 'busy', id: 'x1' }),
    sqsRecord({ c: 'a', id: 'a2' }),
    sqsRecord({ c: 'b', id: 'b1' }),
  ];
  const response = await processPartialResponse(
    { Records: records },
    lockedRecordHandler(byCustomer, w.handler, { client }),
    new BatchProcessor(EventType.SQS),
    { context: lambdaContext(30_000) },
  );
  expect(failures(response)).toEqual([idOf(records[1]!)]);
  expect(w.fences.get('a1')).toBe(w.fences.get('a2'));
  expect(client.log.filter((l) => l === 'acquire customer#a')).toHaveLength(1);
  expect(client.log.indexOf('start a2')).toBeGreaterThan(client.log.indexOf('end a1'));
  expect(client.log).not.toContain('release customer#busy');
});

const busyOnlyNoFullFailure =
  'busy-only: every record busy raises no FullBatchFailureError through processLockedPartialResponse (plain processPartialResponse would)';
test(busyOnlyNoFullFailure, async () => {
  const client = new ScriptedLockClient();
  client.others.set('customer#busy', true);
  const recordHandler = lockedRecordHandler(byCustomer, work(client).handler, { client });
  const records = [sqsRecord({ c: 'busy', id: 'x1' }), sqsRecord({ c: 'busy', id: 'x2' })];
  const context = lambdaContext(30_000);
  await expect(
    processPartialResponse({ Records: records }, recordHandler, new BatchProcessor(EventType.SQS), { context }),
  ).rejects.toBeInstanceOf(FullBatchFailureError);
  const response = await processLockedPartialResponse({ Records: records }, recordHandler, new BatchProcessor(EventType.SQS), { context });
  expect(failures(response)).toEqual(records.map(idOf));
});

test("a batch that really failed still raises Powertools' FullBatchFailureError (unless throwOnFullBatchFailure: false)", async () => {
  const client = new ScriptedLockClient();
  const recordHandler = lockedRecordHandler(byCustomer, work(client, () => true).handler, { client });
  const records = [sqsRecord({ c: 'a', id: 'a1' }), sqsRecord({ c: 'b', id: 'b1' })];
  const context = lambdaContext(30_000);
  await expect(
    processLockedPartialResponse({ Records: records }, recordHandler, new BatchProcessor(EventType.SQS), { context }),
  ).rejects.toBeInstanceOf(FullBatchFailureError);
  const quiet = await processLockedPartialResponse({ Records: records }, recordHandler, new BatchProcessor(EventType.SQS), {
    context,
    throwOnFullBatchFailure: false,
  });
  expect(failures(quiet)).toHaveLength(2);
});

const fifoSkipGroupOnError =
  'SqsFifoPartialProcessorAsync with skipGroupOnError: one record at a time, each takes and releases its key; a busy' +
  ' group is skipped, others go on; busy-only is no full failure';
test(fifoSkipGroupOnError, async () => {
  const client = new ScriptedLockClient();
  client.others.set('customer#busy', true);
  const w = work(client);
  const records = [
    sqsRecord({ c: 'busy', id: 'g1a' }, { group: 'g1' }),
    sqsRecord({ c: 'a', id: 'g2a' }, { group: 'g2' }),
    sqsRecord({ c: 'a', id: 'g1b' }, { group: 'g1' }),
    sqsRecord({ c: 'a', id: 'g2b' }, { group: 'g2' }),
  ];
  const response = await processLockedPartialResponse(
    { Records: records },
    lockedRecordHandler(byCustomer, w.handler, { client }),
    new SqsFifoPartialProcessorAsync(),
    { context: lambdaContext(30_000), skipGroupOnError: true },
  );
  expect(failures(response)).toEqual([idOf(records[0]!), idOf(records[2]!)]);
  expect(client.log.filter((l) => l.startsWith('start'))).toEqual(['start g2a', 'start g2b']);
  // Handed over one at a time: each record took and released customer#a itself.
  expect(client.log.filter((l) => l === 'acquire customer#a')).toHaveLength(2);
  const allBusy = [sqsRecord({ c: 'busy', id: 'b1' }, { group: 'g' }), sqsRecord({ c: 'a', id: 'b2' }, { group: 'g' })];
  const shortCircuited = await processLockedPartialResponse(
    { Records: allBusy },
    lockedRecordHandler(byCustomer, w.handler, { client }),
    new SqsFifoPartialProcessorAsync(),
    { context: lambdaContext(30_000) },
  );
  expect(failures(shortCircuited)).toEqual(allBusy.map(idOf));
});

test('Kinesis, one record at a time: after a failed record no later record of the invocation runs', async () => {
  const client = new ScriptedLockClient();
  client.others.set('customer#busy', true);
  const w = work(client);
  const records = [kinesisRecord({ c: 'a', id: 'r0' }), kinesisRecord({ c: 'busy', id: 'r1' }), kinesisRecord({ c: 'b', id: 'r2' })];
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  const recordHandler = lockedRecordHandler(byCustomer, w.handler, { client });
  const response = await processLockedPartialResponse({ Records: records }, recordHandler, processor, {
    context: lambdaContext(30_000),
    processInParallel: false,
  });
  expect(failures(response)).toEqual(records.slice(1).map(idOf));
  expect(processor.errors[1]).toBeInstanceOf(BatchOrderError);
  expect(client.log.filter((l) => l.startsWith('start'))).toEqual(['start r0']);
});

test('Kinesis in parallel: the records handed over together are cut at the busy key before any runs past it', async () => {
  const client = new ScriptedLockClient();
  client.others.set('customer#busy', true);
  const w = work(client);
  const records = [kinesisRecord({ c: 'a', id: 'r0' }), kinesisRecord({ c: 'busy', id: 'r1' }), kinesisRecord({ c: 'b', id: 'r2' })];
  const response = await processPartialResponse(
    { Records: records },
    lockedRecordHandler(byCustomer, w.handler, { client }),
    new BatchProcessor(EventType.KinesisDataStreams),
    { context: lambdaContext(30_000) },
  );
  expect(failures(response)).toEqual(records.slice(1).map(idOf));
  expect(client.log.filter((l) => l.startsWith('start'))).toEqual(['start r0']);
});
