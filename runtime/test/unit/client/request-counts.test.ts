import { GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { LockBusyError } from '../../../src/index.js';
import { conditionFailed, grantEveryWrite, itemFromUpdate, lockItem, mockedClient, operations } from '../support.js';

// Why the mock: exact request counts per operation under fake timers (waits of whole leases).
// The one-request contended attempt is also counted at the wire on a server that returns the
// holder with the failed condition (moto) in integration/contended-attempt; dynalite never does.

afterEach(() => {
  jest.useRealTimers();
});

it('uncontended acquire, heartbeat and release are one write each', async () => {
  const { mock, client } = mockedClient({ heartbeatMs: 0 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job');
  expect(operations(mock)).toEqual(['UpdateItem']);
  await lock.heartbeat();
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
  await lock.release();
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem']);
});

it('an automatic heartbeat is one write per period', async () => {
  const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job');
  await jest.advanceTimersByTimeAsync(15_000);
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem', 'UpdateItem']);
  await lock.release();
});

it('a contended attempt on DynamoDB is one write: the holder comes back on the failed condition', async () => {
  const { mock, client } = mockedClient();
  mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem({ owner: 'other' })));
  expect(await client.tryAcquire('job')).toBeUndefined();
  expect(operations(mock)).toEqual(['UpdateItem']);
});

// The polling schedule of a barging waiter (`fair: false`); a fair waiter's requests are counted
// in test/integration/client/fair-waiting.test.ts, on real servers.
const waitingAcquireOnDynamoDb =
  'a waiting acquire on DynamoDB: the conflict is one write, polls are consistent reads (a fifth of the price), the takeover one write';
it(waitingAcquireOnDynamoDb, async () => {
  const { mock, client } = mockedClient({ leaseMs: 4_000, pollMs: 200, heartbeatMs: 0 });
  const holder = lockItem({ rvn: 'dead', leaseMs: 1_000 });
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    if (input.ConditionExpression!.includes(':observedRvn')) return { Attributes: itemFromUpdate(input, 8) };
    throw conditionFailed(holder);
  });
  mock.on(GetItemCommand).resolves({ Item: holder });
  const acquiring = client.acquire('job', { waitMs: 3_000, fair: false });
  await jest.advanceTimersByTimeAsync(2_000);
  const lock = await acquiring;
  const ops = operations(mock);
  expect(ops[0]).toBe('UpdateItem');
  expect(ops.at(-1)).toBe('UpdateItem');
  expect(ops.slice(1, -1).every((op) => op === 'GetItem')).toBe(true);
  // Polls back off: a lease of 1 s at pollMs 200 is a handful of reads, not a hammering.
  expect(ops.length).toBeGreaterThanOrEqual(3);
  expect(ops.length).toBeLessThanOrEqual(12);
  for (const call of mock.commandCalls(GetItemCommand)) expect(call.args[0].input.ConsistentRead).toBe(true);
  await lock.release();
});

it('where the server omits the holder: one write + one ConsistentRead, then reads only until the lock looks free', async () => {
  const { mock, client } = mockedClient({ leaseMs: 4_000, pollMs: 200, heartbeatMs: 0 });
  // A live holder that keeps heartbeating (new rvn on each read), then releases.
  let reads = 0;
  mock.on(GetItemCommand).callsFake(() => {
    reads++;
    return { Item: reads < 5 ? lockItem({ rvn: `beat-${reads}`, leaseMs: 1_000 }) : lockItem({ rvn: 'last', released: true }) };
  });
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    if (reads < 5) throw conditionFailed(); // no Item: dynalite ignores ReturnValuesOnConditionCheckFailure
    return { Attributes: itemFromUpdate(input, 9) };
  });
  const acquiring = client.acquire('job', { waitMs: 10_000, fair: false });
  await jest.advanceTimersByTimeAsync(5_000);
  const lock = await acquiring;
  expect(operations(mock)).toEqual(['UpdateItem', 'GetItem', 'GetItem', 'GetItem', 'GetItem', 'GetItem', 'UpdateItem']);
  for (const call of mock.commandCalls(GetItemCommand)) expect(call.args[0].input.ConsistentRead).toBe(true);
  expect(lock.fence).toBe(9);
  await lock.release();
});

it('tryAcquire where the server omits the holder costs exactly one write and one read', async () => {
  const { mock, client } = mockedClient();
  mock.on(UpdateItemCommand).rejects(conditionFailed());
  mock.on(GetItemCommand).resolves({ Item: lockItem() });
  expect(await client.tryAcquire('job')).toBeUndefined();
  expect(operations(mock)).toEqual(['UpdateItem', 'GetItem']);
});

it('polling a live holder: first look after pollMs/8–pollMs/4, backing off to one read per pollMs/2–pollMs', async () => {
  const { mock, client } = mockedClient({ leaseMs: 60_000, pollMs: 400, heartbeatMs: 0 });
  let rvn = 0;
  // A holder that keeps heartbeating: never eligible, so every look is a read.
  mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem({ rvn: 'beat-0', leaseMs: 60_000 })));
  mock.on(GetItemCommand).callsFake(() => ({ Item: lockItem({ rvn: `beat-${++rvn}`, leaseMs: 60_000 }) }));
  const acquiring = client.acquire('job', { waitMs: 10_000, fair: false }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(49);
  expect(operations(mock)).toEqual(['UpdateItem']);
  await jest.advanceTimersByTimeAsync(51); // t = 100 ms: the first look has happened
  expect(operations(mock)).toEqual(['UpdateItem', 'GetItem']);
  await jest.advanceTimersByTimeAsync(9_900);
  // 10 s at one read per 200–400 ms once backed off: between 25 and ~52 reads, never a hammering.
  const reads = operations(mock).filter((op) => op === 'GetItem').length;
  expect(reads).toBeGreaterThanOrEqual(25);
  expect(reads).toBeLessThanOrEqual(53);
  // The wait ends with one last write (the lock could have freed since the last read).
  expect(operations(mock).at(-1)).toBe('UpdateItem');
  expect(await acquiring).toBeInstanceOf(LockBusyError);
});
