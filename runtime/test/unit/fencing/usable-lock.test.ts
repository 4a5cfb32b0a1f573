import { PutItemCommand, TransactWriteItemsCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { fencedWrite, guardedTransaction, type Lock, LockLostError, LockNotOwnerError, LockValidationError } from '../../../src/index.js';
import { conditionFailed, deferred, fakeLockTable, grantEveryWrite, itemFromUpdate, lockItem, mockedClient } from '../support.js';

// Why the mock: each case needs a lock lost in one specific way (its heartbeat refused, its
// validity run out under fake time, re-acquired by its owner) and then the proof that no
// request was sent — request counts on a stubbed client, not a server's behaviour.

afterEach(() => {
  jest.useRealTimers();
});

const put = { put: { TableName: 'orders', Item: { pk: { S: 'o-1' } } } };
const write = { Put: { TableName: 'orders', Item: { pk: { S: 'o-1' } } } };

/** The one "is this lock usable" check: heartbeat, fencedWrite and guardedTransaction agree. */
const uses: Array<[string, (lock: Lock) => Promise<unknown>]> = [
  ['heartbeat', (lock) => lock.heartbeat()],
  ['fencedWrite', (lock) => fencedWrite(lock, put)],
  ['guardedTransaction', (lock) => guardedTransaction(lock, [write])],
];

describe.each(uses)('%s on a lock that is not usable', (_name, use) => {
  it('a lock whose heartbeat found it taken over: LockLostError with reason "stolen" (guardedTransaction said "expired")', async () => {
    const { mock, client } = mockedClient();
    let writes = 0;
    mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
      if (writes++ === 0) return { Attributes: itemFromUpdate(input) };
      throw conditionFailed(lockItem({ owner: 'thief', fence: 99 }));
    });
    const lock = await client.acquire('job', { autoHeartbeat: false });
    await expect(lock.heartbeat()).rejects.toMatchObject({ reason: 'stolen' });
    const sent = mock.calls().length;
    await expect(use(lock)).rejects.toMatchObject({ name: 'LockLostError', reason: 'stolen' });
    expect(mock.calls()).toHaveLength(sent);
  });

  it('a lock whose validity ran out: reason "expired"', async () => {
    const { mock, client } = mockedClient({ leaseMs: 1_000, heartbeatMs: 0 });
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    jest.advanceTimersByTime(1_000);
    const sent = mock.calls().length;
    await expect(use(lock)).rejects.toMatchObject({ name: 'LockLostError', reason: 'expired' });
    expect(mock.calls()).toHaveLength(sent);
  });

  it('a handle whose release was in flight when its owner acquired the key again (reentrant): reason "superseded"', async () => {
    const { mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    const old = await client.acquire('job', { autoHeartbeat: false });
    const parked = deferred<void>();
    table.beforeWrite = (kind) => (kind === 'release' ? parked.promise : undefined);
    const releasing = old.release();
    const current = await client.acquire('job', { reentrant: true, autoHeartbeat: false });
    parked.resolve();
    await releasing;
    const sent = mock.calls().length;
    await expect(use(old)).rejects.toBeInstanceOf(LockLostError);
    await expect(use(old)).rejects.toMatchObject({ reason: 'superseded' });
    expect(mock.calls()).toHaveLength(sent);
    expect(current.fence).toBe(old.fence + 1);
  });

  it('a released lock: LockNotOwnerError', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    await lock.release();
    const sent = mock.calls().length;
    await expect(use(lock)).rejects.toBeInstanceOf(LockNotOwnerError);
    expect(mock.calls()).toHaveLength(sent);
  });
});

it('fencedWrite and guardedTransaction refuse anything but a lock from acquire or withLock, before any request', async () => {
  const { mock, client } = mockedClient();
  const impostor = { key: 'job', fence: 1, signal: new AbortController().signal, isValid: () => true };
  await expect(fencedWrite(impostor, put)).rejects.toBeInstanceOf(LockValidationError);
  await expect(guardedTransaction(impostor, [write])).rejects.toBeInstanceOf(LockValidationError);
  expect(mock.commandCalls(PutItemCommand)).toHaveLength(0);
  expect(mock.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  void client;
});
