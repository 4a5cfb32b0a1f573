import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { LockClient, type LockEvent } from '../../../src/index.js';
import { conditionFailed, fakeLockTable, lockItem, mockedClient, throttled } from '../support.js';

// aws-sdk-client-mock with fake timers: danger and expiry must be reached exactly. One observer on
// a sort-key table must tell `orders customer#1` from `orders customer#2` in every event type.

afterEach(() => {
  jest.useRealTimers();
});

it('every event type of a sort-key lock carries its key and sort key', async () => {
  const events: LockEvent[] = [];
  const { ddb, mock } = mockedClient();
  const client = new LockClient({
    tableName: 'locks',
    sortKeyName: 'sk',
    ownerName: 'me',
    client: ddb,
    leaseMs: 10_000,
    heartbeatMs: 2_500,
    safetyMarginMs: 1_000,
    requestTimeoutMs: 1_000,
    observers: [{ onLockEvent: (e) => void events.push(e) }],
  });
  const table = fakeLockTable(mock, { sortKeyName: 'sk' });
  const released = await client.acquire('orders', { sortKey: 'customer#1' });
  await jest.advanceTimersByTimeAsync(2_500); // renewed
  await released.release(); // released
  const lost = await client.acquire('orders', { sortKey: 'customer#1' });
  table.beforeWrite = (kind) => {
    if (kind === 'heartbeat') throw throttled(); // heartbeatFailed, danger, lost
  };
  await jest.advanceTimersByTimeAsync(10_000);
  expect(lost.state).toBe('lost');
  mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem({ leaseMs: 10_000 })));
  mock.on(GetItemCommand).resolves({ Item: lockItem({ leaseMs: 10_000 }) });
  await client.acquire('orders', { sortKey: 'customer#1', waitMs: 0 }).catch(() => undefined); // busy
  const controller = new AbortController();
  const aborted = client.acquire('orders', { sortKey: 'customer#1', waitMs: 5_000, signal: controller.signal }).catch(() => undefined);
  await jest.advanceTimersByTimeAsync(100);
  controller.abort(); // acquireFailed
  await aborted;

  const types = new Set(events.map((e) => e.type));
  for (const type of ['acquireStarted', 'acquired', 'renewed', 'released', 'heartbeatFailed', 'danger', 'lost', 'busy', 'acquireFailed']) {
    expect(types).toContain(type);
  }
  for (const event of events)
    expect({ type: event.type, key: event.key, sortKey: event.sortKey }).toEqual({
      type: event.type,
      key: 'orders',
      sortKey: 'customer#1',
    });
});
