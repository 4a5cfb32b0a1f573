import { expect, test } from '@jest/globals';
import { getLock, releaseGrant } from '../../../src/admin/index.js';
import { LockLostError, LockValidationError } from '../../../src/index.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

// releaseGrant: an operator's release (the `ddb-lock release` command) through the holder's own
// conditional request. Scenario 28: a forced release never breaks fencing.
const table = useTestTable();

test('releases exactly that grant in one write; the holder loses it at its next heartbeat; the next fence is larger', async () => {
  const holder = table.client({ leaseMs: 2_000, heartbeatMs: 0 });
  const lock = await holder.acquire('operator');
  const operator = table.client();
  const requests = countRequests(operator.dynamoDb);
  expect(await releaseGrant(operator, { key: 'operator', owner: lock.owner, fence: lock.fence })).toBe(true);
  expect(requests.counts).toEqual({ UpdateItem: 1 });
  expect(await getLock(operator, 'operator')).toMatchObject({ released: true, fence: lock.fence, owner: lock.owner });
  await expect(lock.heartbeat()).rejects.toBeInstanceOf(LockLostError);
  expect(lock.state).toBe('lost');
  const next = await operator.acquire('operator', { waitMs: 0 });
  expect(next.fence).toBeGreaterThan(lock.fence);
  await next.release();
});

test('an older grant is refused and the newer one is untouched', async () => {
  const client = table.client();
  const first = await client.acquire('older');
  await first.release();
  const second = await client.acquire('older');
  const before = await getLock(client, 'older');
  expect(await releaseGrant(client, { key: 'older', owner: first.owner, fence: first.fence })).toBe(false);
  expect(await releaseGrant(client, { key: 'older', owner: 'someone-else', fence: second.fence })).toBe(false);
  expect(await getLock(client, 'older')).toEqual(before);
  expect(second.isValid()).toBe(true);
  await second.release();
});

test('an absent item: false, nothing created', async () => {
  const client = table.client();
  expect(await releaseGrant(client, { key: 'absent', owner: 'x', fence: 1 })).toBe(false);
  expect(await getLock(client, 'absent')).toBeUndefined();
});

test('bad input is refused before any request', async () => {
  const client = table.client();
  const requests = countRequests(client.dynamoDb);
  for (const grant of [
    { key: '', owner: 'x', fence: 1 },
    { key: 'k', owner: '', fence: 1 },
    { key: 'k', owner: 'x', fence: 0 },
    { key: 'k', owner: 'x', fence: 1.5 },
    { key: 'k', owner: 'x', fence: 1, extra: true },
  ]) {
    await expect(releaseGrant(client, grant as never)).rejects.toBeInstanceOf(LockValidationError);
  }
  expect(requests.total()).toBe(0);
});
