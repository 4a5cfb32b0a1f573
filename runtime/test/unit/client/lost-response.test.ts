import { GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { clientSettings } from '../../../src/admin/index.js';
import { LockLostError } from '../../../src/index.js';
import {
  conditionFailed,
  type DdbMock,
  fakeLockTable,
  hangUntilAborted,
  inputsOf,
  itemFromUpdate,
  lockItem,
  mockedClient,
  networkError,
  operations,
  within,
} from '../support.js';

// Why the mock: a response lost *after* the server applied the write cannot be produced on the
// local server; the mock applies the write, then fails the call like a dropped connection.

afterEach(() => {
  jest.useRealTimers();
});

/**
 * The first UpdateItem (the acquire) is applied and its response lost as `lose` says; every later
 * one is answered by `then`. `landed()` is the write that was applied.
 */
function loseFirstWrite(mock: DdbMock, lose: () => unknown, then: (input: UpdateItemCommandInput) => unknown) {
  let landed: UpdateItemCommandInput | undefined;
  mock
    .on(UpdateItemCommand)
    .callsFakeOnce((input: UpdateItemCommandInput) => {
      landed = input;
      return lose();
    })
    .callsFake(then);
  return { landed: () => landed!, landedVersion: () => landed!.ExpressionAttributeValues![':rvn']!.S };
}

describe('acquire', () => {
  it('a lost response whose retry fails its condition against our own item is an acquire, never "busy"', async () => {
    const { mock, client } = mockedClient();
    const write = loseFirstWrite(
      mock,
      () => {
        throw networkError();
      },
      () => {
        throw conditionFailed(itemFromUpdate(write.landed()));
      },
    );
    const lock = await within(client.tryAcquire('job'), 2_000);
    expect(lock).toBeDefined();
    expect(lock!.recordVersion).toBe(write.landedVersion());
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
    expect(lock!.state).toBe('held');
    await lock!.release();
  });

  it('recognises its own version through the ConsistentRead fallback when the server omits the item', async () => {
    const { mock, client } = mockedClient();
    const write = loseFirstWrite(
      mock,
      () => {
        throw networkError();
      },
      () => {
        throw conditionFailed();
      },
    );
    mock.on(GetItemCommand).callsFake(() => ({ Item: itemFromUpdate(write.landed()) }));
    const lock = await within(client.acquire('job', { waitMs: 0 }), 2_000);
    expect(lock.recordVersion).toBe(write.landedVersion());
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'GetItem']);
    await lock.release();
  });

  it('after the request deadline (ambiguous), a ConsistentRead that finds our version is an acquire', async () => {
    const { mock, client } = mockedClient({ leaseMs: 20_000, requestTimeoutMs: 3_000, safetyMarginMs: 2_000 });
    const write = loseFirstWrite(
      mock,
      () => hangUntilAborted(mock),
      (input) => ({ Attributes: itemFromUpdate(input) }),
    );
    mock.on(GetItemCommand).callsFake(() => ({ Item: itemFromUpdate(write.landed()) }));
    const lock = await within(client.acquire('job', { waitMs: 0 }), 3_000);
    expect(lock.recordVersion).toBe(write.landedVersion());
    expect(mock.commandCalls(GetItemCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
    // Validity runs from when the write was sent (t = 0), not from when we learned of it (t = 3 s).
    expect(lock.remainingMs).toBe(20_000 - 2_000 - 3_000);
    await lock.release();
  });

  it('after the deadline, a read that shows someone else is reported unavailable, not acquired', async () => {
    const { mock, client } = mockedClient({ requestTimeoutMs: 3_000 });
    mock.on(UpdateItemCommand).callsFake(() => hangUntilAborted(mock));
    mock.on(GetItemCommand).resolves({ Item: lockItem({ owner: 'other' }) });
    await expect(within(client.acquire('job', { waitMs: 0 }), 3_000)).rejects.toMatchObject({
      name: 'LockUnavailableError',
      ambiguous: true,
    });
    expect(client.heldLocks).toEqual([]);
  });
});

describe('heartbeat', () => {
  it('a retry after a lost response succeeds (conditioned on owner + fence, not the rotating version)', async () => {
    const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000 });
    const table = fakeLockTable(mock);
    const lock = await client.acquire('job');
    const lost = jest.fn();
    lock.on('lost', lost);
    table.loseNext = 1;
    await jest.advanceTimersByTimeAsync(6_000);
    expect(lost).not.toHaveBeenCalled();
    expect(lock.recordVersion).toBe(table.item!.rvn!.S);
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem']);
    await lock.release();
  });

  it('a heartbeat that landed but whose every answer was lost is followed by one that succeeds', async () => {
    const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000, requestTimeoutMs: 2_000 });
    const table = fakeLockTable(mock);
    const lock = await client.acquire('job');
    const lost = jest.fn();
    lock.on('lost', lost);
    const heartbeatError = jest.fn();
    lock.on('heartbeatError', heartbeatError);
    table.loseNext = 1_000; // every retry of the first heartbeat lands and loses its answer
    await jest.advanceTimersByTimeAsync(7_000); // heartbeat at 5 s exhausts its 2 s deadline
    expect(heartbeatError).toHaveBeenCalledTimes(1);
    table.loseNext = 0;
    await jest.advanceTimersByTimeAsync(3_000); // the retry, scheduled sooner than a period
    expect(lost).not.toHaveBeenCalled();
    expect(lock.isValid()).toBe(true);
    expect(lock.recordVersion).toBe(table.item!.rvn!.S);
    await lock.release();
  });
});

describe('release', () => {
  it('keep mode: a retry after a lost response succeeds and reports true', async () => {
    const { mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    const lock = await client.acquire('job');
    table.loseNext = 1;
    expect(await within(lock.release(), 2_000)).toBe(true);
    expect(table.item!.released).toEqual({ BOOL: true });
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem']);
    expect(lock.state).toBe('released');
  });

  it('delete mode: a retry that finds the item gone reports true', async () => {
    const { mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    const lock = await client.acquire('job', { deleteOnRelease: true });
    table.loseNext = 1;
    expect(await within(lock.release(), 2_000)).toBe(true);
    expect(table.item).toBeUndefined();
    expect(operations(mock)).toEqual(['UpdateItem', 'DeleteItem', 'DeleteItem', 'GetItem']);
    expect(lock.state).toBe('released');
  });

  it.each([false, true])(
    'a successor’s item on the failed condition after our validity ran out (deleteItem %s) → false, and nothing more is written',
    async (deleteItem) => {
      const { mock, client } = mockedClient({ heartbeatMs: 0 });
      const table = fakeLockTable(mock);
      const lock = await client.acquire('job');
      // A takeover can only come after our validity: the successor's item appears past it.
      jest.advanceTimersByTime(clientSettings(client).leaseMs);
      const successor = lockItem({ owner: 'next', rvn: 'theirs', fence: Number(table.item!.fence!.N) + 1 });
      table.item = successor;
      expect(await within(lock.release({ deleteItem }), 2_000)).toBe(false);
      expect(table.item).toEqual(successor);
      expect(operations(mock)).toEqual(['UpdateItem', deleteItem ? 'DeleteItem' : 'UpdateItem']);
      expect(lock.state).toBe('lost');
      expect(lock.signal.reason).toBeInstanceOf(LockLostError);
      expect(await lock.release()).toBe(false);
      expect(operations(mock)).toHaveLength(2);
      expect(jest.getTimerCount()).toBe(0);
      for (const input of inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand).slice(1)) {
        expect(input.ConditionExpression).toContain('#fence = :fence');
      }
    },
  );

  it.each([false, true])(
    'release applied, response lost, a waiter got in before the retry (deleteItem %s) → true, no lost event',
    async (deleteItem) => {
      // Found by the chaos suite (seed 7): the retry's failed condition shows the successor that
      // entered through our own release; we were valid when it went out, so no takeover was possible.
      const { mock, client } = mockedClient();
      const table = fakeLockTable(mock);
      const lock = await client.acquire('job');
      const lost: unknown[] = [];
      lock.on('lost', (e) => lost.push(e));
      const successor = lockItem({ owner: 'next', rvn: 'theirs', fence: Number(table.item!.fence!.N) + 1 });
      table.item = successor; // as if our release landed and a waiter acquired before our retry
      expect(await within(lock.release({ deleteItem }), 2_000)).toBe(true);
      expect(table.item).toEqual(successor);
      expect(lock.state).toBe('released');
      expect(lost).toEqual([]);
      expect(jest.getTimerCount()).toBe(0);
    },
  );
});
