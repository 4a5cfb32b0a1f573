import { PutItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { LockNotOwnerError } from '../../../src/index.js';
import { type DdbMock, deferred, fakeLockTable, flush, hangUntilAborted, lockItem, mockedClient, operations, within } from '../support.js';

// Why the mock: the interleavings below (a heartbeat parked mid-flight while release is called)
// need a server whose answers the test releases by hand; the local server answers at once.
// Scenario 13 of the guarantees: release once, no heartbeat after release, item not
// resurrected, no timer left, signal aborted.

afterEach(() => {
  jest.useRealTimers();
});

const HEARTBEAT_MS = 5_000;

async function heldLock(options: { deleteOnRelease?: boolean } = {}) {
  const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: HEARTBEAT_MS });
  const table = fakeLockTable(mock);
  const lock = await client.acquire('job', options);
  return { mock, client, table, lock };
}

/** Holds every heartbeat in flight until the test settles the returned gate. */
function parkHeartbeats(table: ReturnType<typeof fakeLockTable>) {
  const gate = deferred<void>();
  table.beforeWrite = (kind) => (kind === 'heartbeat' ? gate.promise : undefined);
  return gate;
}

/** Every write after the acquire carries the owner + fence condition: none can recreate the item. */
function expectNoResurrection(mock: DdbMock): void {
  expect(mock.commandCalls(PutItemCommand)).toHaveLength(0);
  const writes = mock
    .calls()
    .slice(1)
    .map((c) => (c.args[0] as { input: { ConditionExpression?: string } }).input);
  for (const input of writes) expect(input.ConditionExpression).toMatch(/^#owner = :owner AND #fence = :fence/);
}

async function expectQuietAfterwards(mock: DdbMock, requestsSoFar: string[]): Promise<void> {
  await jest.advanceTimersByTimeAsync(60_000); // several lease and heartbeat periods
  expect(operations(mock)).toEqual(requestsSoFar);
  expect(jest.getTimerCount()).toBe(0);
}

it('release during an in-flight heartbeat that succeeds: waits for it, releases once, no heartbeat after', async () => {
  const { mock, table, lock } = await heldLock();
  const gate = parkHeartbeats(table);
  await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']); // heartbeat parked in flight
  const releasing = lock.release();
  await flush();
  expect(operations(mock)).toHaveLength(2); // release has not overtaken the heartbeat
  expect(lock.isValid()).toBe(false); // no longer usable for new work once release starts
  gate.resolve();
  expect(await releasing).toBe(true);
  expect(table.item!.released).toEqual({ BOOL: true });
  expect(lock.signal.aborted).toBe(true);
  expect(lock.state).toBe('released');
  expectNoResurrection(mock);
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem', 'UpdateItem']);
});

it('release during an in-flight heartbeat that fails: releases once, schedules no heartbeat retry', async () => {
  const { mock, table, lock } = await heldLock();
  const gate = parkHeartbeats(table);
  await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
  const releasing = lock.release();
  gate.reject(Object.assign(new Error('bad request'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));
  expect(await releasing).toBe(true);
  expect(lock.signal.aborted).toBe(true);
  expectNoResurrection(mock);
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem', 'UpdateItem']);
});

it('release during an in-flight heartbeat that finds a successor: false, and the successor is untouched', async () => {
  const { mock, table, lock } = await heldLock();
  const gate = parkHeartbeats(table);
  await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
  const lost = jest.fn();
  lock.on('lost', lost);
  const releasing = lock.release();
  const successor = lockItem({ owner: 'next', fence: Number(table.item!.fence!.N) + 1 });
  table.item = successor;
  gate.resolve();
  expect(await releasing).toBe(false);
  expect(table.item).toEqual(successor);
  expect(lost).toHaveBeenCalledTimes(1);
  expect(lock.signal.aborted).toBe(true);
  // The failed heartbeat already proved the lock gone: a release request would be wasted.
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem']);
});

it('release before the heartbeat timer: the timer never sends', async () => {
  const { mock, lock } = await heldLock();
  await jest.advanceTimersByTimeAsync(HEARTBEAT_MS - 1);
  expect(await lock.release()).toBe(true);
  expect(jest.getTimerCount()).toBe(0);
  expect(lock.signal.aborted).toBe(true);
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem']);
});

it('release in the same tick as the heartbeat timer fires: the queued heartbeat sends nothing', async () => {
  const { mock, lock } = await heldLock();
  jest.advanceTimersByTime(HEARTBEAT_MS); // runs the timer callback; its write is only queued
  const releasing = lock.release();
  expect(await releasing).toBe(true);
  expect(lock.signal.aborted).toBe(true);
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem']);
});

it('a manual heartbeat in flight racing release: one of each, in order, and heartbeat after release is refused', async () => {
  const { mock, table, lock } = await heldLock();
  const gate = parkHeartbeats(table);
  const beating = lock.heartbeat();
  await flush();
  const releasing = lock.release();
  const again = lock.release();
  gate.resolve();
  await beating;
  expect(await releasing).toBe(true);
  expect(await again).toBe(true);
  await expect(lock.heartbeat()).rejects.toBeInstanceOf(LockNotOwnerError);
  expectNoResurrection(mock);
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem', 'UpdateItem']);
});

it.each([false, true])(
  'a heartbeat delayed in the network past its deadline and the release (delete %s) cannot bring the lock back',
  async (deleteOnRelease) => {
    const { mock, client, table, lock } = await heldLock({ deleteOnRelease });
    let delayed: UpdateItemCommandInput | undefined;
    table.beforeWrite = (kind, input) => {
      if (kind !== 'heartbeat' || delayed) return undefined;
      delayed = input as UpdateItemCommandInput;
      return hangUntilAborted(mock);
    };
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    const releasing = lock.release();
    expect(await within(releasing, 5_000)).toBe(true); // once the heartbeat's deadline has passed
    const afterRelease = table.item;
    // The old heartbeat finally reaches the server.
    table.beforeWrite = undefined;
    await expect(client.dynamoDb.send(new UpdateItemCommand(delayed!))).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(table.item).toEqual(afterRelease);
    expect(lock.state).toBe('released');
    expectNoResurrection(mock);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(jest.getTimerCount()).toBe(0);
  },
);

it('a manual heartbeat not yet sent when release is called is refused and sends nothing', async () => {
  const { mock, lock } = await heldLock();
  const beating = lock.heartbeat(); // queued behind the (idle) write chain, not sent yet
  const releasing = lock.release();
  await expect(beating).rejects.toBeInstanceOf(LockNotOwnerError);
  expect(await releasing).toBe(true);
  await expectQuietAfterwards(mock, ['UpdateItem', 'UpdateItem']);
});
