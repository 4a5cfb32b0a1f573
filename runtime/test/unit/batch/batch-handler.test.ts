import { afterEach, describe, expect, jest, test } from '@jest/globals';
import type { SQSRecord } from 'aws-lambda';
import { clientSettings } from '../../../src/admin/index.js';
import { BatchOrderError, lockedBatchHandler, type RecordLock } from '../../../src/batch/index.js';
import { LockBusyError, LockDeadlineError, LockLostError, LockValidationError } from '../../../src/index.js';
import { dynamoDbRecord, idOf, kinesisRecord, payloadOf, sqsRecord } from '../../support/batch-events.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { ScriptedLockClient } from './batch-support.js';

// biome-ignore lint/suspicious/noExplicitAny: the scripted records are SQS-shaped and also carry the test's own fields
type Any = SQSRecord & any;
const byCustomer = (record: Any) => `customer#${payloadOf<{ c: string }>(record).c}`;

/** A record handler that logs start/end per record id and can be told to fail or hang. */
function recorder(client: ScriptedLockClient, behaviour: (id: string) => 'ok' | 'throw' | 'hang' | number = () => 'ok') {
  const seen: Array<{ id: string; fence: number; lock: RecordLock }> = [];
  let running = 0;
  let maxRunning = 0;
  const handler = async (record: Any, lock: RecordLock) => {
    const id = payloadOf<{ id: string }>(record).id;
    seen.push({ id, fence: lock.fence, lock });
    client.log.push(`start ${id}`);
    running++;
    maxRunning = Math.max(maxRunning, running);
    try {
      const what = behaviour(id);
      if (what === 'throw') throw new Error(`handler failed on ${id}`);
      if (what === 'hang') await new Promise(() => undefined);
      await new Promise((r) => setTimeout(r, typeof what === 'number' ? what : 1));
      client.log.push(`end ${id}`);
      return id;
    } finally {
      running--;
    }
  };
  return { handler, seen, maxRunning: () => maxRunning };
}

const failures = (response: { batchItemFailures: Array<{ itemIdentifier: string }> }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier);

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

  test('a bad key fails its record before any request; bad options and events fail with LockValidationError', async () => {
    const client = new ScriptedLockClient();
    const records = [sqsRecord({ id: 'nokey' }), sqsRecord({ c: 'a', id: 'a1' })];
    const keyFn = (record: Any) => payloadOf<{ c?: string }>(record).c as string;
    const response = await lockedBatchHandler(keyFn, recorder(client).handler, { client })({ Records: records }, lambdaContext(30_000));
    expect(failures(response)).toEqual([idOf(records[0]!)]);
    expect(client.log.filter((l) => l.startsWith('acquire'))).toEqual(['acquire a']);
    expect(() => lockedBatchHandler(keyFn, recorder(client).handler, { client, concurrency: 0 })).toThrow(LockValidationError);
    expect(() => lockedBatchHandler(keyFn, recorder(client).handler, { client, onBusy: 'skip' as 'fail' })).toThrow(LockValidationError);
    expect(() => lockedBatchHandler(keyFn, recorder(client).handler, { client, tableName: 't' })).toThrow(LockValidationError);
    expect(() => lockedBatchHandler(keyFn, undefined as never)).toThrow(LockValidationError);
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

describe('Lambda safety', () => {
  test('at remaining time − margin: unfinished records fail, holds are released, the answer comes before the timeout', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 1) });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = new ScriptedLockClient();
    const r = recorder(client, (id) => (id === 'slow' ? 'hang' : 'ok'));
    const records = [sqsRecord({ c: 'a', id: 'slow' }), sqsRecord({ c: 'a', id: 'after' }), sqsRecord({ c: 'b', id: 'quick' })];
    let answered = false;
    const done = lockedBatchHandler(byCustomer, r.handler, { client, deadlineMarginMs: 1_000 })(
      { Records: records },
      lambdaContext(4_000),
    ).then((response) => {
      answered = true;
      return response;
    });
    await jest.advanceTimersByTimeAsync(2_999);
    expect(answered).toBe(false);
    await jest.advanceTimersByTimeAsync(2);
    const response = await done;
    expect(failures(response)).toEqual([idOf(records[0]!), idOf(records[1]!)]);
    expect(r.seen.find((s) => s.id === 'slow')!.lock.signal.reason).toBeInstanceOf(LockDeadlineError);
    expect(client.heldNow()).toEqual([]);
    expect(r.seen.map((s) => s.id).sort()).toEqual(['quick', 'slow']);
  });

  test('a record is not started when less than twice the margin is left', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = new ScriptedLockClient();
    const r = recorder(client);
    const response = await lockedBatchHandler(byCustomer, r.handler, { client, deadlineMarginMs: 1_000 })(
      { Records: [sqsRecord({ c: 'a', id: 'a1' })] },
      lambdaContext(1_900),
    );
    expect(response.batchItemFailures).toHaveLength(1);
    expect(client.log).toEqual([]);
  });

  test("every write's lease is capped by the remaining time; renewal is tied to the batch", async () => {
    const client = new ScriptedLockClient(); // lease 20000, heartbeat 5000, margin 2000
    const handler = lockedBatchHandler(byCustomer, recorder(client).handler, { client });
    const context = lambdaContext(9_000);
    await handler({ Records: [sqsRecord({ c: 'a', id: 'a1' })] }, context);
    const [options] = client.acquireOptions;
    expect(options!.leaseMs).toBeUndefined(); // the client's lease…
    const cap = options!.maxLeaseMs!(); // …capped by the remaining time, for the acquire and each heartbeat
    expect(cap).toBeLessThanOrEqual(9_000);
    expect(cap).toBeGreaterThan(8_000);
    expect(options!.renewWhile!()).toBe(false); // the batch is over: a stale timer releases, never renews
    await lockedBatchHandler(byCustomer, recorder(client).handler, { client, leaseMs: 12_000 })(
      { Records: [sqsRecord({ c: 'b', id: 'b1' })] },
      context,
    );
    expect(client.acquireOptions[1]!.leaseMs).toBe(12_000);
  });

  const capTooTight =
    'a lease, heartbeat and margin that a capped lease could not honour fail the first batch with LockValidationError, before any request';
  test(capTooTight, async () => {
    const client = new ScriptedLockClient(); // heartbeat 5000 × margin 2000 > 500 × 18000
    const handler = lockedBatchHandler(byCustomer, recorder(client).handler, { client, deadlineMarginMs: 500 });
    await expect(handler({ Records: [sqsRecord({ c: 'a', id: 'a1' })] }, lambdaContext(30_000))).rejects.toThrow(LockValidationError);
    expect(client.log).toEqual([]);
    expect(() => lockedBatchHandler(byCustomer, recorder(client).handler, { client, trustWallClock: false })).toThrow(LockValidationError);
    expect(() => lockedBatchHandler(byCustomer, recorder(client).handler, { trustWallClock: {} as never })).toThrow(LockValidationError);
    expect(() => lockedBatchHandler(byCustomer, recorder(client).handler, { observers: {} as never })).toThrow(LockValidationError);
  });

  const contendingInvocations =
    'two invocations in one process contending for a key: one runs it, the other reports it busy and releases nothing of it';
  test(contendingInvocations, async () => {
    const client = new ScriptedLockClient();
    const r = recorder(client, () => 30);
    const handler = lockedBatchHandler(byCustomer, r.handler, { client });
    const first = handler({ Records: [sqsRecord({ c: 'a', id: 'one' })] }, lambdaContext(30_000));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The scripted client refuses a second grant of a held key, as the table would.
    client.others.set('customer#a', true);
    const second = await handler({ Records: [sqsRecord({ c: 'a', id: 'two' })] }, lambdaContext(30_000));
    client.others.delete('customer#a');
    expect(second.batchItemFailures).toHaveLength(1);
    expect((await first).batchItemFailures).toEqual([]);
    expect(client.log.filter((l) => l === 'release customer#a')).toHaveLength(1);
    expect(client.log.indexOf('release customer#a')).toBeGreaterThan(client.log.indexOf('end one'));
  });
});

test('BatchOrderError keeps its name in minified bundles and says what held it back', () => {
  const cause = new LockBusyError('busy', 'k', 'x');
  const error = new BatchOrderError('held back', { cause });
  expect(error.name).toBe('BatchOrderError');
  expect(error.cause).toBe(cause);
});

const defaultClient =
  "the default client is withLock's: on DDB_LOCK_TABLE_NAME, wall-clock takeover with a 1 s skew bound unless told otherwise, built once";
test(defaultClient, async () => {
  const { defaultLockClient } = await import('../../../src/lambda/default-lock-client.js');
  const before = process.env.DDB_LOCK_TABLE_NAME;
  try {
    delete process.env.DDB_LOCK_TABLE_NAME;
    expect(() => defaultLockClient('lockedBatchHandler', {})()).toThrow(/DDB_LOCK_TABLE_NAME/);
    process.env.DDB_LOCK_TABLE_NAME = 'locks';
    const clientOf = defaultLockClient('lockedBatchHandler', { leaseMs: 10_000, heartbeatMs: 2_500 });
    const client = clientOf();
    expect(clientOf()).toBe(client);
    expect(clientSettings(client)).toMatchObject({ tableName: 'locks', leaseMs: 10_000, heartbeatMs: 2_500, maxSkewMs: 1_000 });
    expect(clientSettings(defaultLockClient('lockedBatchHandler', { trustWallClock: false })()).maxSkewMs).toBeUndefined();
  } finally {
    if (before === undefined) delete process.env.DDB_LOCK_TABLE_NAME;
    else process.env.DDB_LOCK_TABLE_NAME = before;
  }
});
