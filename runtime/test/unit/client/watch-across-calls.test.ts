import { GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { LockBusyError, type LockClientOptions } from '../../../src/index.js';
import { conditionFailed, type Item, inputsOf, itemFromUpdate, lockItem, mockedClient, T0 } from '../support.js';

// aws-sdk-client-mock: a fake clock must decide exactly when a takeover write goes out, which no
// server's timing can pin down. The integration suite (takeover-short-callers) covers the same
// callers on dynalite with a real SIGKILLed holder.

const LEASE = 20_000;

afterEach(() => {
  jest.useRealTimers();
});

/**
 * A table of held locks that grants an acquire only on the grounds a server would: a watched
 * record version equal to the stored one, or (fast mode) an expiry before the given instant.
 */
function heldLocks(options: Partial<LockClientOptions> = {}, keys = ['job']) {
  const { mock, client } = mockedClient({ leaseMs: LEASE, heartbeatMs: 5_000, ...options });
  const items = new Map<string, Item>(keys.map((key) => [key, lockItem({ key, rvn: `${key}-v1`, leaseMs: LEASE })]));
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    const key = input.Key!.pk!.S!;
    const stored = items.get(key)!;
    const v = input.ExpressionAttributeValues!;
    const watched = v[':observedRvn']?.S === stored.rvn!.S;
    const expired = v[':expiredBefore'] !== undefined && Number(stored.expiresAt!.N) < Number(v[':expiredBefore'].N);
    if (!watched && !expired && stored.released?.BOOL !== true) throw conditionFailed(stored);
    const next = itemFromUpdate(input, Number(stored.fence!.N) + 1);
    items.set(key, next);
    return { Attributes: next };
  });
  mock.on(GetItemCommand).callsFake((input: { Key: Item }) => ({ Item: items.get(input.Key.pk!.S!) }));
  const takeoverWrites = () =>
    inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand).filter((i) => i.ExpressionAttributeValues?.[':observedRvn']);
  return { mock, client, items, takeoverWrites };
}

const at = async (ms: number) => {
  await jest.advanceTimersByTimeAsync(ms - (Date.now() - T0));
};

it('tryAcquire calls that together watched one version for a lease take it over exactly one lease after the first sighting', async () => {
  const { client, takeoverWrites } = heldLocks();
  for (let t = 0; t < LEASE; t += LEASE / 5) {
    await at(t);
    expect(await client.tryAcquire('job')).toBeUndefined();
  }
  await at(LEASE - 1);
  expect(await client.tryAcquire('job')).toBeUndefined(); // 1 ms short: never early
  expect(takeoverWrites()).toHaveLength(0);
  await at(LEASE);
  const lock = await client.tryAcquire('job');
  expect(lock?.fence).toBe(8);
  expect(takeoverWrites().map((i) => i.ExpressionAttributeValues![':observedRvn']!.S)).toEqual(['job-v1']);
  await lock!.release();
});

it('acquire({ waitMs: 0 }) and short waits add up the same way; LockBusyError says how long is left', async () => {
  const { client } = heldLocks();
  const busy = async () => (await client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e)) as LockBusyError;
  const first = await busy();
  expect(first).toBeInstanceOf(LockBusyError);
  expect(first).toMatchObject({ holder: 'other', retryAfterMs: LEASE, holderInfo: { recordVersion: 'job-v1', fence: 7 } });
  await at(8_000);
  expect((await busy()).retryAfterMs).toBe(LEASE - 8_000);
  // A wait of half a lease ends busy, then the next one takes over during its own wait.
  const halfWait = client.acquire('job', { waitMs: LEASE / 2, pollMs: 1_000 }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(LEASE / 2);
  expect(await halfWait).toBeInstanceOf(LockBusyError); // 18 s watched: not yet
  const next = client.acquire('job', { waitMs: LEASE / 2, pollMs: 1_000 });
  await jest.advanceTimersByTimeAsync(2_100);
  const lock = await next;
  expect(Date.now() - T0).toBeGreaterThanOrEqual(LEASE);
  await lock.release();
});

it('a new record version restarts the watch', async () => {
  const { client, items, takeoverWrites } = heldLocks();
  expect(await client.tryAcquire('job')).toBeUndefined();
  await at(10_000);
  items.set('job', lockItem({ rvn: 'job-v2', leaseMs: LEASE })); // the holder heartbeated
  expect(await client.tryAcquire('job')).toBeUndefined();
  await at(LEASE);
  const busy = (await client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e)) as LockBusyError;
  expect(busy.retryAfterMs).toBe(10_000); // counted from the first sighting of v2
  expect(takeoverWrites()).toHaveLength(0);
  await at(30_000);
  expect(await client.tryAcquire('job')).toBeDefined();
  expect(takeoverWrites().map((i) => i.ExpressionAttributeValues![':observedRvn']!.S)).toEqual(['job-v2']);
});

it('seeing the lock released ends the watch (getLock counts as a sighting too)', async () => {
  const { client, items, takeoverWrites } = heldLocks();
  await getLock(client, 'job');
  await at(5_000);
  items.set('job', lockItem({ rvn: 'job-v1', leaseMs: LEASE, released: true }));
  expect((await getLock(client, 'job'))?.released).toBe(true);
  // Contrived — a version never comes back in real life — but it shows the entry is gone: the
  // same version seen held again is watched from now, not from the first sighting.
  items.set('job', lockItem({ rvn: 'job-v1', leaseMs: LEASE }));
  await at(LEASE);
  expect(await client.tryAcquire('job')).toBeUndefined();
  expect(takeoverWrites()).toHaveLength(0);
  await at(2 * LEASE);
  expect(await client.tryAcquire('job')).toBeDefined();
});

it('a getLock sighting counts: a later tryAcquire takes over in one request', async () => {
  const { mock, client } = heldLocks();
  await getLock(client, 'job');
  await at(LEASE);
  mock.resetHistory();
  expect(await client.tryAcquire('job')).toBeDefined();
  expect(mock.calls()).toHaveLength(1);
});

it('evicting a watch from the LRU can only delay a takeover, never make one early', async () => {
  const { client, takeoverWrites } = heldLocks({ maxWatchedLocks: 2 }, ['job', 'a', 'b']);
  expect(await client.tryAcquire('job')).toBeUndefined();
  await at(1_000);
  await getLock(client, 'a');
  await getLock(client, 'b'); // 'job' is the least recently used of three: evicted
  await at(LEASE);
  expect(await client.tryAcquire('job')).toBeUndefined(); // watched again from here
  await at(2 * LEASE - 1);
  expect(await client.tryAcquire('job')).toBeUndefined();
  expect(takeoverWrites()).toHaveLength(0);
  await at(2 * LEASE);
  expect(await client.tryAcquire('job')).toBeDefined();
});

it('maxWatchedLocks: 0 keeps nothing between calls (each call must watch a lease itself)', async () => {
  const { client } = heldLocks({ maxWatchedLocks: 0 });
  expect(await client.tryAcquire('job')).toBeUndefined();
  await at(3 * LEASE);
  expect(await client.tryAcquire('job')).toBeUndefined();
  const waited = client.acquire('job', { waitMs: LEASE + 2_000, pollMs: 1_000 });
  await jest.advanceTimersByTimeAsync(LEASE + 1_000);
  expect(await waited).toBeDefined();
});

it('wall-clock mode: busy until expiresAt + maxSkewMs, and retryAfterMs says so', async () => {
  const { client, items } = heldLocks({ trustWallClock: { maxSkewMs: 1_000 } });
  items.set('job', lockItem({ rvn: 'job-v1', leaseMs: LEASE, expiresAt: T0 + 5_000 })); // wrote 15 s ago
  const busy = (await client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e)) as LockBusyError;
  expect(busy.retryAfterMs).toBe(6_001);
  await at(6_000);
  expect(await client.tryAcquire('job')).toBeUndefined();
  await at(6_001);
  expect(await client.tryAcquire('job')).toBeDefined();
});

it('bad maxWatchedLocks is refused before anything is created', () => {
  for (const bad of [-1, 1.5, Number.NaN, '10']) {
    expect(() => mockedClient({ maxWatchedLocks: bad as number })).toThrow(/maxWatchedLocks must be a whole number/);
  }
});
