import { DeleteItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { fencedWrite, type Lock, type LockClient, StaleFenceError } from '../../../src/index.js';
import { useTestTable } from '../../support/test-table.js';

const table = useTestTable();

test('the fence strictly increases across release, takeover, delete-on-release and TTL deletion', async () => {
  const a = table.client({ leaseMs: 600, heartbeatMs: 150, pollMs: 50 });
  const b = table.client({ leaseMs: 600, heartbeatMs: 150, pollMs: 50 });
  const fences: number[] = [];
  const grant = async (client: LockClient, opts = {}) => {
    const lock = await client.acquire('monotonic', { waitMs: 5_000, ...opts });
    fences.push(lock.fence);
    return lock;
  };
  // release (item kept)
  await (await grant(a)).release();
  await (await grant(b)).release();
  // takeover of a dead holder
  await grant(a, { autoHeartbeat: false });
  await (await grant(b)).release();
  // delete-on-release: the item is gone, the next grant restarts from the clock base
  await (await grant(a, { deleteOnRelease: true })).release();
  expect(await getLock(a, 'monotonic')).toBeUndefined();
  await grant(b);
  // TTL deletion of a held (crashed) lock: the item vanishes under the holder
  await table.admin.send(new DeleteItemCommand({ TableName: table.tableName, Key: { pk: { S: 'monotonic' } } }));
  await (await grant(a)).release();
  for (let i = 1; i < fences.length; i++) expect(fences[i]).toBeGreaterThan(fences[i - 1]!);
  expect(fences).toHaveLength(7);
});

async function readResource(key: string) {
  const { Item } = await table.admin.send(
    new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
  );
  return Item;
}

function write(lock: Lock, key: string, value: string) {
  return fencedWrite(lock, {
    update: {
      TableName: table.tableName,
      Key: { pk: { S: key } },
      UpdateExpression: 'SET #v = :v',
      ExpressionAttributeNames: { '#v': 'value' },
      ExpressionAttributeValues: { ':v': { S: value } },
    },
  });
}

test('a superseded holder cannot write through fencedWrite: zero stale writes accepted', async () => {
  // The old holder is "paused": its monotonic clock stands still, so it still believes it holds.
  const frozenAt = performance.now();
  const old = table.client({
    leaseMs: 500,
    heartbeatMs: 100,
    pollMs: 50,
    clock: { monotonicNow: () => frozenAt, wallNow: () => Date.now() },
  });
  const next = table.client({ leaseMs: 500, heartbeatMs: 100, pollMs: 50 });
  const stale = await old.acquire('fenced', { autoHeartbeat: false });
  await write(stale, 'resource-1', 'from old');
  const current = await next.acquire('fenced', { waitMs: 5_000 });
  await write(current, 'resource-1', 'from new');
  // The old holder acts without knowing it was superseded: the resource's stored token is
  // newer, so the write is refused.
  expect(stale.isValid()).toBe(true);
  await expect(write(stale, 'resource-1', 'stale!')).rejects.toBeInstanceOf(StaleFenceError);
  const item = await readResource('resource-1');
  expect(item?.value).toEqual({ S: 'from new' });
  expect(item?.lockFence).toEqual({ N: String(current.fence) });
  await current.release();
});

test('fencedWrite with put keeps the caller condition and adds the fence', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 200 });
  const lock = await client.acquire('fenced-put');
  await fencedWrite(lock, {
    put: { TableName: table.tableName, Item: { pk: { S: 'resource-2' }, v: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  expect((await readResource('resource-2'))?.lockFence).toEqual({ N: String(lock.fence) });
  // The caller's own condition still applies: the item exists now.
  await expect(
    fencedWrite(lock, {
      put: {
        TableName: table.tableName,
        Item: { pk: { S: 'resource-2' }, v: { N: '2' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  ).rejects.toBeInstanceOf(StaleFenceError);
  await lock.release();
});
