import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, test } from '@jest/globals';
import { ensureTable, getLock, listLocks } from '../../../src/admin/index.js';
import { type LockLostError, LockValidationError } from '../../../src/index.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

describe('partition-key-only table', () => {
  const table = useTestTable();

  test('ensureTable created an on-demand table keyed by pk, and is idempotent', async () => {
    const { Table } = await table.admin.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const again = await ensureTable(table.client());
    expect(again.created).toBe(false);
  });

  test('getLock reads one lock; listLocks pages through every lock', async () => {
    const client = table.client({ leaseMs: 2_000, heartbeatMs: 500 });
    expect(await getLock(client, 'absent')).toBeUndefined();
    const locks = await Promise.all(Array.from({ length: 7 }, (_, i) => client.acquire(`listed-${i}`)));
    const requests = countRequests(client.dynamoDb);
    const listed = [];
    for await (const info of listLocks(client, { pageSize: 3 })) listed.push(info);
    expect(
      listed
        .filter((l) => l.key.startsWith('listed-'))
        .map((l) => l.key)
        .sort(),
    ).toEqual(locks.map((l) => l.key).sort());
    expect(requests.counts.Scan).toBeGreaterThanOrEqual(3);
    await client.close();
    expect(client.heldLocks).toHaveLength(0);
    for (const lock of locks) expect(lock.state).toBe('released');
  });

  test('close({ release: false }) stops heartbeats and leaves the item to expire; the client refuses new work', async () => {
    const client = table.client({ leaseMs: 600, heartbeatMs: 100 });
    const lock = await client.acquire('abandoned');
    const lost = new Promise<LockLostError>((resolve) => lock.once('lost', resolve));
    await client.close({ release: false });
    expect((await lost).reason).toBe('closed');
    const requests = countRequests(client.dynamoDb);
    await new Promise((r) => setTimeout(r, 300));
    expect(requests.total()).toBe(0);
    expect(await getLock(table.client(), 'abandoned')).toMatchObject({ released: false, fence: lock.fence });
    await expect(client.acquire('other')).rejects.toBeInstanceOf(LockValidationError);
  });

  test('a sort key on a table without one is bad input', async () => {
    await expect(table.client().acquire('k', { sortKey: 's' })).rejects.toBeInstanceOf(LockValidationError);
  });
});

describe('table with a sort key', () => {
  const table = useTestTable({ sortKeyName: 'sk' });

  test('locks are (pk, sk) pairs: same partition, different sort keys are independent', async () => {
    const a = table.client({ leaseMs: 2_000, heartbeatMs: 500 });
    const b = table.client({ leaseMs: 2_000, heartbeatMs: 500 });
    const x = await a.acquire('tenant-1', { sortKey: 'job-x' });
    const y = await b.acquire('tenant-1', { sortKey: 'job-y', waitMs: 0 });
    expect(await b.tryAcquire('tenant-1', { sortKey: 'job-x' })).toBeUndefined();
    expect(await getLock(a, 'tenant-1', { sortKey: 'job-y' })).toMatchObject({ owner: b.ownerName, sortKey: 'job-y' });
    const inPartition = [];
    for await (const info of listLocks(a, { key: 'tenant-1' })) inPartition.push(info.sortKey);
    expect(inPartition.sort()).toEqual(['job-x', 'job-y']);
    await x.release();
    await y.release();
  });

  test('listLocks with a key pages through a multi-page Query of that partition only', async () => {
    const client = table.client({ leaseMs: 5_000 });
    const jobs = ['j1', 'j2', 'j3', 'j4', 'j5'];
    const held = await Promise.all(jobs.map((sortKey) => client.acquire('tenant-9', { sortKey, autoHeartbeat: false })));
    // A partition whose name starts with the queried one: a Query on the key must not return it.
    const neighbour = await client.acquire('tenant-90', { sortKey: 'j1', autoHeartbeat: false });
    const requests = countRequests(client.dynamoDb);
    const listed = [];
    for await (const info of listLocks(client, { key: 'tenant-9', pageSize: 2 })) listed.push(info);
    expect(listed.map((l) => `${l.key}/${l.sortKey}`)).toEqual(jobs.map((j) => `tenant-9/${j}`));
    expect(listed.map((l) => l.fence)).toEqual(held.map((l) => l.fence));
    // 5 items, 2 a page: 3 pages (a server may add an empty last page when the third is full).
    expect(requests.counts.Query).toBeGreaterThanOrEqual(3);
    expect(requests.counts.Scan ?? 0).toBe(0);
    await client.close();
    expect(neighbour.state).toBe('released');
  });

  test('the sort key is required on such a table', async () => {
    await expect(table.client().acquire('tenant-1')).rejects.toBeInstanceOf(LockValidationError);
  });
});
