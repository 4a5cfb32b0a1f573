import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { lockedBatchHandler } from '../../../src/batch/index.js';
import { type LockBusyError, LockConfigurationError, LockLostError, LockValidationError } from '../../../src/index.js';
import { dynamoDbRecord, idOf, kinesisRecord, payloadOf, sqsRecord } from '../../support/batch-events.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { type Any, byCustomer, failures, recorder, ScriptedLockClient } from './batch-support.js';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('SQS standard', () => {
  test('records of one key run in order under one hold; keys run in parallel up to the concurrency', async () => {
    const client = new ScriptedLockClient();
    const r = recorder(client, () => 20);
    const records = ['a', 'b', 'a', 'c', 'a', 'd', 'b'].map((c, i) => sqsRecord({ c, id: `${c}${i}` }));
    const handler = lockedBatchHandler(byCustomer, r.handler, { client, concurrency: 2 });
    expect(await handler({ Records: records }, lambdaContext(30_000))).toEqual({ batchItemFailures: [] });
    // One acquire and one release per key, however many records it has.
    expect(client.log.filter((l) => l === 'acquire customer#a')).toHaveLength(1);
    expect(client.log.filter((l) => l === 'release customer#a')).toHaveLength(1);
    const aIds = r.seen.filter((s) => s.id.startsWith('a'));
    expect(aIds.map((s) => s.id)).toEqual(['a0', 'a2', 'a4']);
    expect(new Set(aIds.map((s) => s.fence)).size).toBe(1);
    // a2 starts only after a0 ended: in order, never busy against each other.
    expect(client.log.indexOf('start a2')).toBeGreaterThan(client.log.indexOf('end a0'));
    expect(client.log.indexOf('release customer#a')).toBeGreaterThan(client.log.indexOf('end a4'));
    expect(r.maxRunning()).toBe(2);
    expect(client.heldNow()).toEqual([]);
  });

  test('a key someone else holds: its records fail (one attempt for the key), the others go on, its item is never released', async () => {
    const client = new ScriptedLockClient();
    client.others.set('customer#busy', true);
    const r = recorder(client);
    const records = [sqsRecord({ c: 'busy', id: 'x1' }), sqsRecord({ c: 'free', id: 'f1' }), sqsRecord({ c: 'busy', id: 'x2' })];
    const response = await lockedBatchHandler(byCustomer, r.handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(failures(response)).toEqual([idOf(records[0]!), idOf(records[2]!)]);
    expect(r.seen.map((s) => s.id)).toEqual(['f1']);
    expect(client.log.filter((l) => l.endsWith('customer#busy'))).toEqual(['acquire customer#busy', 'busy customer#busy']);
  });

  test("onBusy 'wait' waits for the key, bounded by the remaining time less twice the margin", async () => {
    const client = new ScriptedLockClient();
    let free!: () => void;
    client.others.set(
      'customer#w',
      new Promise<void>((resolve) => {
        free = resolve;
      }),
    );
    setTimeout(() => free(), 50);
    const r = recorder(client);
    const response = await lockedBatchHandler(byCustomer, r.handler, { client, onBusy: 'wait', deadlineMarginMs: 1_000 })(
      { Records: [sqsRecord({ c: 'w', id: 'w1' })] },
      lambdaContext(10_000),
    );
    expect(response.batchItemFailures).toEqual([]);
    const waits = client.acquireOptions.map((o) => o.waitMs!);
    expect(waits[0]).toBe(0); // the first attempt does not wait (waitMs default)
    expect(waits[1]).toBeGreaterThan(7_500);
    expect(waits[1]).toBeLessThanOrEqual(8_000);
  });

  test('an onBusy function decides once per key, with the first record that needed it', async () => {
    const client = new ScriptedLockClient();
    client.others.set('customer#a', true);
    client.others.set('customer#b', true);
    const asked: string[] = [];
    const onBusy = jest.fn((record: Any, error: LockBusyError) => {
      asked.push(`${payloadOf<{ id: string }>(record).id}:${error.holder}`);
      return 'fail' as const;
    });
    const records = [sqsRecord({ c: 'a', id: 'a1' }), sqsRecord({ c: 'b', id: 'b1' }), sqsRecord({ c: 'a', id: 'a2' })];
    const response = await lockedBatchHandler(byCustomer, recorder(client).handler, { client, onBusy })(
      { Records: records },
      lambdaContext(30_000),
    );
    expect(failures(response)).toHaveLength(3);
    expect(asked.sort()).toEqual(['a1:other', 'b1:other']);
  });

  test('a handler error fails only its record; the next record of the key still runs under the same hold', async () => {
    const client = new ScriptedLockClient();
    const r = recorder(client, (id) => (id === 'a1' ? 'throw' : 'ok'));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const records = [sqsRecord({ c: 'a', id: 'a1' }), sqsRecord({ c: 'a', id: 'a2' })];
    const response = await lockedBatchHandler(byCustomer, r.handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(failures(response)).toEqual([idOf(records[0]!)]);
    expect(r.seen.map((s) => s.id)).toEqual(['a1', 'a2']);
    expect(client.log.filter((l) => l.startsWith('acquire'))).toHaveLength(1);
  });

  test('a hold lost under a record fails that record; the next record of the key takes the key afresh', async () => {
    const client = new ScriptedLockClient();
    const r = recorder(client, (id) => {
      if (id === 'a1') client.steal('customer#a');
      return 'ok';
    });
    const records = [sqsRecord({ c: 'a', id: 'a1' }), sqsRecord({ c: 'a', id: 'a2' })];
    const response = await lockedBatchHandler(byCustomer, r.handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(failures(response)).toEqual([idOf(records[0]!)]);
    expect(r.seen[0]!.lock.signal.aborted).toBe(true);
    expect(r.seen[0]!.lock.signal.reason).toBeInstanceOf(LockLostError);
    expect(r.seen[1]!.fence).toBeGreaterThan(r.seen[0]!.fence);
    expect(client.log.filter((l) => l === 'acquire customer#a')).toHaveLength(2);
  });

  test('a bad key fails its record; bad options are a LockConfigurationError, bad events a LockValidationError', async () => {
    const client = new ScriptedLockClient();
    const records = [sqsRecord({ id: 'nokey' }), sqsRecord({ c: 'a', id: 'a1' })];
    const keyFn = (record: Any) => payloadOf<{ c?: string }>(record).c as string;
    const response = await lockedBatchHandler(keyFn, recorder(client).handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(failures(response)).toEqual([idOf(records[0]!)]);
    expect(client.log.filter((l) => l.startsWith('acquire'))).toEqual(['acquire a']);
    expect(() => lockedBatchHandler(keyFn, recorder(client).handler, { client, concurrency: 0 })).toThrow(LockConfigurationError);
    expect(() => lockedBatchHandler(keyFn, recorder(client).handler, { client, onBusy: 'skip' as 'fail' })).toThrow(LockConfigurationError);
    expect(() => lockedBatchHandler(keyFn, recorder(client).handler, { client, tableName: 'other' })).toThrow(LockConfigurationError);
    expect(() => lockedBatchHandler(keyFn, undefined as never)).toThrow(LockConfigurationError);
    await expect(lockedBatchHandler(keyFn, recorder(client).handler, { client })({} as never, lambdaContext(1_000))).rejects.toThrow(
      LockValidationError,
    );
    await expect(
      lockedBatchHandler(keyFn, recorder(client).handler, { client })({ Records: [{ id: 1 }] } as never, lambdaContext(1_000)),
    ).rejects.toThrow(LockValidationError);
    expect(client.log.filter((l) => l.startsWith('acquire'))).toEqual(['acquire a']);
  });
});

describe('SQS FIFO', () => {
  test('a failure fails the rest of its message group (not run); other groups go on', async () => {
    const client = new ScriptedLockClient();
    client.others.set('customer#k2', true);
    const r = recorder(client);
    const records = [
      sqsRecord({ c: 'k1', id: 'g1a' }, { group: 'g1' }),
      sqsRecord({ c: 'k4', id: 'g2a' }, { group: 'g2' }),
      sqsRecord({ c: 'k2', id: 'g1b' }, { group: 'g1' }),
      sqsRecord({ c: 'k5', id: 'g2b' }, { group: 'g2' }),
      sqsRecord({ c: 'k3', id: 'g1c' }, { group: 'g1' }),
    ];
    const response = await lockedBatchHandler(byCustomer, r.handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(failures(response)).toEqual([idOf(records[2]!), idOf(records[4]!)]);
    expect(r.seen.map((s) => s.id).sort()).toEqual(['g1a', 'g2a', 'g2b']);
    expect(client.log).not.toContain('acquire customer#k3');
  });

  test('records of a group run in order even when their keys differ', async () => {
    const client = new ScriptedLockClient();
    const r = recorder(client, (id) => (id === 'a' ? 30 : 1));
    const records = ['a', 'b', 'c'].map((id) => sqsRecord({ c: id, id }, { group: 'g' }));
    await lockedBatchHandler(byCustomer, r.handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(client.log.filter((l) => l.startsWith('start') || l.startsWith('end'))).toEqual([
      'start a',
      'end a',
      'start b',
      'end b',
      'start c',
      'end c',
    ]);
  });
});

describe.each([
  ['Kinesis', (c: string, id: string) => kinesisRecord({ c, id })],
  ['DynamoDB Streams', (c: string, id: string) => dynamoDbRecord({ pk: id, c, id })],
])('%s', (_name, make) => {
  test('a busy key cuts the batch at its first record: nothing after it runs, the checkpoint is its sequence number', async () => {
    const client = new ScriptedLockClient();
    client.others.set('customer#k2', true);
    const r = recorder(client);
    const records = [make('k1', 'r0'), make('k2', 'r1'), make('k3', 'r2'), make('k1', 'r3')];
    const response = await lockedBatchHandler(byCustomer, r.handler, { client })({ Records: records as Any[] }, lambdaContext(30_000));
    expect(failures(response)).toEqual(records.slice(1).map((x) => idOf(x)));
    // Every key was tried before any record ran, so r2 and r3 never ran only to be delivered again.
    expect(r.seen.map((s) => s.id)).toEqual(['r0']);
    expect(client.log.indexOf('start r0')).toBeGreaterThan(client.log.indexOf('busy customer#k2'));
    expect(client.heldNow()).toEqual([]);
  });

  test('a handler error fails its record and every later one', async () => {
    const client = new ScriptedLockClient();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = recorder(client, (id) => (id === 'r1' ? 'throw' : 'ok'));
    const records = [make('k1', 'r0'), make('k2', 'r1'), make('k2', 'r2')];
    const response = await lockedBatchHandler(byCustomer, r.handler, { client, concurrency: 1 })(
      { Records: records as Any[] },
      lambdaContext(30_000),
    );
    expect(failures(response)).toEqual(records.slice(1).map((x) => idOf(x)));
    expect(r.seen.map((s) => s.id)).toEqual(['r0', 'r1']);
  });
});
