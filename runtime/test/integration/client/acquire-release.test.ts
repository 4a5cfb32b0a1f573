import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, test } from '@jest/globals';
import { clientSettings, getLock } from '../../../src/admin/index.js';
import { LockAbortedError, LockBusyError, LockNotOwnerError } from '../../../src/index.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

const table = useTestTable();

const fast = { leaseMs: 1_000, heartbeatMs: 250, pollMs: 50 };

describe('uncontended', () => {
  test('acquire is one conditional write returning the fence; release is one write', async () => {
    const client = table.client(fast);
    const requests = countRequests(client.dynamoDb);
    const lock = await client.acquire('one-write');
    expect(requests.counts).toEqual({ UpdateItem: 1 });
    expect(lock.fence).toBeGreaterThan(Date.now() * 1000 - 60_000_000);
    expect(lock.owner).toBe(client.ownerName);
    expect(lock.isValid()).toBe(true);
    expect(lock.remainingMs).toBeGreaterThan(0);
    expect(lock.remainingMs).toBeLessThanOrEqual(fast.leaseMs - clientSettings(client).safetyMarginMs);
    requests.reset();
    expect(await lock.release()).toBe(true);
    expect(requests.counts).toEqual({ UpdateItem: 1 });
    expect(lock.state).toBe('released');
    expect(lock.signal.aborted).toBe(true);
    expect(lock.signal.reason).toBeInstanceOf(LockNotOwnerError);
  });

  test('release keeps the item marked released, so the next grant gets a larger fence', async () => {
    const client = table.client(fast);
    const first = await client.acquire('keep');
    await first.release();
    const info = await getLock(client, 'keep');
    expect(info).toMatchObject({ released: true, owner: client.ownerName, fence: first.fence });
    const second = await client.acquire('keep');
    expect(second.fence).toBe(first.fence + 1);
    await second.release();
  });

  test('release is idempotent and a heartbeat after release is refused', async () => {
    const client = table.client(fast);
    const lock = await client.acquire('idempotent');
    const requests = countRequests(client.dynamoDb);
    expect(await lock.release()).toBe(true);
    expect(await lock.release()).toBe(true);
    expect(requests.total()).toBe(1);
    await expect(lock.heartbeat()).rejects.toThrow(LockNotOwnerError);
  });

  test('deleteOnRelease removes the item', async () => {
    const client = table.client(fast);
    const lock = await client.acquire('delete-me', { deleteOnRelease: true });
    expect(await lock.release()).toBe(true);
    expect(await getLock(client, 'delete-me')).toBeUndefined();
  });

  test('data is stored, replaced, kept with replaceData=false and left on release', async () => {
    const client = table.client(fast);
    const bytes = new Uint8Array([1, 2, 3]);
    const a = await client.acquire('data', { data: 'first' });
    expect(a.data).toBe('first');
    await a.release({ data: 'left by a' });
    expect((await getLock(client, 'data'))?.data).toBe('left by a');
    const b = await client.acquire('data', { replaceData: false });
    expect(b.data).toBe('left by a');
    await b.heartbeat({ data: bytes });
    expect(Buffer.from((await getLock(client, 'data'))?.data as Uint8Array)).toEqual(Buffer.from(bytes));
    await b.release();
    const c = await client.acquire('data');
    expect(c.data).toBeUndefined();
    await c.release();
  });

  test('await using releases on scope exit', async () => {
    const client = table.client(fast);
    let fence = 0;
    {
      await using lock = await client.acquire('scoped');
      fence = lock.fence;
    }
    expect(await getLock(client, 'scoped')).toMatchObject({ released: true, fence });
    expect(client.heldLocks).toHaveLength(0);
  });
});

describe('contended', () => {
  test('tryAcquire returns undefined while held; acquire waits for the release', async () => {
    const holder = table.client(fast);
    const waiter = table.client(fast);
    const lock = await holder.acquire('busy');
    expect(await waiter.tryAcquire('busy')).toBeUndefined();
    const waiting = waiter.acquire('busy', { waitMs: 5_000 });
    setTimeout(() => void lock.release(), 100);
    const next = await waiting;
    expect(next.fence).toBe(lock.fence + 1);
    await next.release();
  });

  test('a live, heartbeating holder is never taken over: the waiter gets LockBusyError', async () => {
    const holder = table.client({ leaseMs: 600, heartbeatMs: 150, pollMs: 50 });
    const waiter = table.client({ leaseMs: 600, heartbeatMs: 150, pollMs: 50 });
    const lock = await holder.acquire('live');
    const error = await waiter.acquire('live', { waitMs: 1_500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockBusyError);
    expect((error as LockBusyError).holder).toBe(holder.ownerName);
    expect(lock.isValid()).toBe(true);
    await lock.release();
  });

  test('an aborted wait throws LockAbortedError and holds nothing', async () => {
    const holder = table.client(fast);
    const waiter = table.client(fast);
    const lock = await holder.acquire('abort');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(waiter.acquire('abort', { waitMs: 10_000, signal: controller.signal })).rejects.toBeInstanceOf(LockAbortedError);
    expect(waiter.heldLocks).toHaveLength(0);
    await lock.release();
  });

  test('16 clients racing for a free lock: exactly one wins each round', async () => {
    const clients = Array.from({ length: 16 }, () => table.client(fast));
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(clients.map((c) => c.tryAcquire('race')));
      const winners = results.filter((l) => l !== undefined);
      expect(winners).toHaveLength(1);
      await winners[0]!.release();
    }
  });

  test('reentrant: a nested acquire joins the held grant; another client with the same owner name takes a new grant', async () => {
    const client = table.client({ ...fast, ownerName: 'stable-owner' });
    const outer = await client.acquire('reentrant');
    const inner = await client.acquire('reentrant', { reentrant: true, waitMs: 0 });
    expect({ same: inner === outer, fence: inner.fence, holds: outer.holdCount }).toEqual({ same: true, fence: outer.fence, holds: 2 });
    // Not reentrant: our own live grant counts as busy like anyone else's.
    expect(await client.tryAcquire('reentrant')).toBeUndefined();
    await inner.release();
    expect(outer.isValid()).toBe(true);
    // A restarted process with the same owner name holds no handle: its reentrant acquire takes the item over.
    const restarted = table.client({ ...fast, ownerName: 'stable-owner' });
    const reclaimed = await restarted.acquire('reentrant', { reentrant: true, waitMs: 0 });
    expect(reclaimed.fence).toBe(outer.fence + 1);
    await expect(outer.heartbeat()).rejects.toMatchObject({ name: 'LockLostError', reason: 'stolen' });
    await reclaimed.release();
  });

  test('the stored item is what the design says (attribute names and types)', async () => {
    const client = table.client(fast);
    const lock = await client.acquire('schema', { data: 'x' });
    const { Item } = await table.admin.send(
      new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'schema' } }, ConsistentRead: true }),
    );
    expect(Object.keys(Item!).sort()).toEqual(['beat', 'data', 'expiresAt', 'fence', 'leaseMs', 'owner', 'pk', 'released', 'rvn', 'ttl']);
    expect(Item!.released).toEqual({ BOOL: false });
    expect(Item!.beat).toEqual({ N: '0' });
    expect(Item!.leaseMs).toEqual({ N: '1000' });
    const ttl = Number(Item!.ttl!.N);
    // TTL is epoch *seconds*: lease end + one day retention.
    expect(ttl).toBeGreaterThan(Date.now() / 1000 + 86_000);
    expect(ttl).toBeLessThan(Date.now() / 1000 + 86_500);
    await lock.release();
  });
});
