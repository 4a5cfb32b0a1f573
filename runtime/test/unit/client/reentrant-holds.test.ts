import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { LockClient, LockValidationError } from '../../../src/index.js';
import { deferred, fakeLockTable, mockedClient, operations } from '../support.js';

// Reentrancy with a hold count (issue 24): a nested `reentrant` acquire joins the grant this
// client holds — the same handle, the same fence, no request — and each release ends one hold;
// the last one releases the lock. The mock counts requests (a nested acquire must send none).

afterEach(() => {
  jest.useRealTimers();
});

describe('a nested reentrant acquire by the same client', () => {
  it('returns the same handle on the same grant (same fence) and sends no request', async () => {
    const { mock, client } = mockedClient();
    fakeLockTable(mock);
    const outer = await client.acquire('job');
    const inner = await client.acquire('job', { reentrant: true });
    const tried = await client.tryAcquire('job', { reentrant: true });
    expect(inner).toBe(outer);
    expect(tried).toBe(outer);
    expect(inner.fence).toBe(outer.fence);
    expect(outer.holdCount).toBe(3);
    expect(operations(mock)).toEqual(['UpdateItem']);
    expect(client.heldLocks).toEqual([outer]);
  });

  it('each release ends one hold: the outer handle stays valid until the last, which releases the lock', async () => {
    const { ddb, mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    const outer = await client.acquire('job');
    await client.acquire('job', { reentrant: true });
    expect(await outer.release()).toBe(true);
    expect({ valid: outer.isValid(), aborted: outer.signal.aborted, holds: outer.holdCount }).toEqual({
      valid: true,
      aborted: false,
      holds: 1,
    });
    expect(operations(mock)).toEqual(['UpdateItem']);
    expect(table.item?.released).toEqual({ BOOL: false });
    expect(await outer.release()).toBe(true);
    expect({ state: outer.state, holds: outer.holdCount }).toEqual({ state: 'released', holds: 0 });
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
    expect(table.item?.released).toEqual({ BOOL: true });
    // Released means free: another owner takes it at once.
    expect(await new LockClient({ tableName: 'locks', ownerName: 'other', client: ddb }).tryAcquire('job')).toBeDefined();
  });

  it('nested `await using` scopes: leaving the inner one keeps the outer work going', async () => {
    const { mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    {
      await using outer = await client.acquire('job');
      {
        await using inner = await client.acquire('job', { reentrant: true });
        expect(inner.holdCount).toBe(2);
      }
      expect({ state: outer.state, valid: outer.isValid(), aborted: outer.signal.aborted }).toEqual({
        state: 'held',
        valid: true,
        aborted: false,
      });
      expect(table.item?.released).toEqual({ BOOL: false });
    }
    expect(table.item?.released).toEqual({ BOOL: true });
  });

  it('close() releases a grant whatever its hold count, with one request', async () => {
    const { mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    const lock = await client.acquire('job');
    await client.acquire('job', { reentrant: true });
    await client.close();
    expect({ state: lock.state, released: table.item?.released }).toEqual({ state: 'released', released: { BOOL: true } });
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
  });

  it('refuses data (a nested acquire writes nothing) with LockValidationError and no request', async () => {
    const { mock, client } = mockedClient();
    fakeLockTable(mock);
    const lock = await client.acquire('job');
    await expect(client.acquire('job', { reentrant: true, data: 'x' })).rejects.toBeInstanceOf(LockValidationError);
    expect({ holds: lock.holdCount, ops: operations(mock) }).toEqual({ holds: 1, ops: ['UpdateItem'] });
  });

  it('without reentrant, our own live grant is busy like anyone else’s', async () => {
    const { mock, client } = mockedClient();
    fakeLockTable(mock);
    const lock = await client.acquire('job');
    expect(await client.tryAcquire('job')).toBeUndefined();
    expect(lock.holdCount).toBe(1);
  });

  it('a grant no longer valid is not joined: the acquire goes to the table and takes over our own item (a new grant)', async () => {
    const { mock, client } = mockedClient({ leaseMs: 1_000, heartbeatMs: 0 });
    fakeLockTable(mock);
    const old = await client.acquire('job');
    jest.advanceTimersByTime(1_000);
    const fresh = await client.acquire('job', { reentrant: true });
    expect(fresh).not.toBe(old);
    expect(fresh.fence).toBe(old.fence + 1);
    expect({ old: old.state, fresh: fresh.holdCount }).toEqual({ old: 'lost', fresh: 1 });
  });

  it('a reentrant acquire sent while our release is in flight is a new grant; the releasing handle is superseded', async () => {
    const { mock, client } = mockedClient();
    const table = fakeLockTable(mock);
    const old = await client.acquire('job');
    const parked = deferred<void>();
    table.beforeWrite = (kind) => (kind === 'release' ? parked.promise : undefined);
    const releasing = old.release();
    const fresh = await client.acquire('job', { reentrant: true });
    parked.resolve();
    await releasing;
    expect(fresh).not.toBe(old);
    expect({ old: old.state, fence: fresh.fence }).toEqual({ old: 'lost', fence: old.fence + 1 });
  });
});
