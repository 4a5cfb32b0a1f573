import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { LockLostError } from '../../../src/index.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

const table = useTestTable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('automatic heartbeats rotate the record version and keep a lock past its lease', async () => {
  const client = table.client({ leaseMs: 500, heartbeatMs: 100 });
  const requests = countRequests(client.dynamoDb);
  const lock = await client.acquire('renewed');
  const first = lock.recordVersion;
  const adopted = new Set<string>();
  lock.on('renewed', () => adopted.add(lock.recordVersion));
  await sleep(1_200);
  expect(lock.isValid()).toBe(true);
  expect(lock.recordVersion).not.toBe(first);
  // A heartbeat may be in flight while we read, so the stored version can be one the lock has
  // not adopted yet. Renewals are serialised: once a manual one returns, every heartbeat that
  // could have written what we read has been adopted — no timing in the assertion.
  const stored = (await getLock(client, 'renewed'))?.recordVersion;
  await lock.heartbeat();
  expect(stored).not.toBe(first);
  expect([...adopted]).toContain(stored);
  // About 11 periods of 100 ms in 1.2 s; half of them is proof enough that they repeat, and
  // leaves room for a loaded machine's late timers (the lease alone proves ≥ 2 landed).
  expect(requests.counts.UpdateItem).toBeGreaterThanOrEqual(1 + 5);
  await lock.release();
});

test('heartbeats stop on release and restart on re-acquire', async () => {
  const client = table.client({ leaseMs: 500, heartbeatMs: 100 });
  const requests = countRequests(client.dynamoDb);
  const lock = await client.acquire('lifecycle');
  await lock.release();
  requests.reset();
  await sleep(400);
  expect(requests.total()).toBe(0);
  const again = await client.acquire('lifecycle');
  requests.reset();
  await sleep(350);
  expect(requests.counts.UpdateItem).toBeGreaterThanOrEqual(2);
  await again.release();
});

test('a stolen lock is noticed at the next heartbeat: lost event, signal aborted, no more heartbeats', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 100 });
  const lock = await client.acquire('stolen');
  const lost = new Promise<LockLostError>((resolve) => lock.once('lost', resolve));
  // Someone overwrites the item with another owner (and a newer fence).
  await table.admin.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: {
        pk: { S: 'stolen' },
        owner: { S: 'thief' },
        rvn: { S: 'thief-rvn' },
        fence: { N: String(lock.fence + 1) },
        leaseMs: { N: '60000' },
        expiresAt: { N: String(Date.now() + 60_000) },
        released: { BOOL: false },
      },
    }),
  );
  const error = await lost;
  expect(error).toBeInstanceOf(LockLostError);
  expect(error.reason).toBe('stolen');
  expect(lock.signal.aborted).toBe(true);
  expect(lock.isValid()).toBe(false);
  const requests = countRequests(client.dynamoDb);
  expect(await lock.release()).toBe(false);
  await sleep(300);
  expect(requests.total()).toBe(0);
  expect((await getLock(client, 'stolen'))?.owner).toBe('thief');
});

test('a heartbeat after the item was deleted (TTL) fails and never recreates the item', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 5_00 });
  const lock = await client.acquire('ttl-deleted', { autoHeartbeat: false });
  await table.admin.send(new DeleteItemCommand({ TableName: table.tableName, Key: { pk: { S: 'ttl-deleted' } } }));
  await expect(lock.heartbeat()).rejects.toBeInstanceOf(LockLostError);
  expect(await getLock(client, 'ttl-deleted')).toBeUndefined();
  expect(lock.signal.aborted).toBe(true);
});

test('an expired-but-present item (TTL not yet run) is handled by the lease rules', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 200, trustWallClock: { maxSkewMs: 100 } });
  await table.admin.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: {
        pk: { S: 'ttl-expired' },
        owner: { S: 'long-gone' },
        rvn: { S: 'old' },
        fence: { N: '5' },
        leaseMs: { N: '1000' },
        expiresAt: { N: String(Date.now() - 3_600_000) },
        released: { BOOL: false },
        ttl: { N: String(Math.floor(Date.now() / 1000) - 60) },
      },
    }),
  );
  const lock = await client.tryAcquire('ttl-expired');
  expect(lock?.fence).toBe(6);
  await lock?.release();
});

test('a manual heartbeat can change the lease and the data', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 200 });
  const lock = await client.acquire('manual');
  await lock.heartbeat({ leaseMs: 3_000, data: 'progress 50%' });
  expect(lock.leaseMs).toBe(3_000);
  expect(lock.remainingMs).toBeGreaterThan(1_000);
  expect(await getLock(client, 'manual')).toMatchObject({ leaseMs: 3_000, data: 'progress 50%' });
  await lock.release();
});
