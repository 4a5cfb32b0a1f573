import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { type Clock, LockClient } from '../../../src/index.js';

// Fences after deletion (issue 24; docs/design.md, "Fences after deletion: the exact condition").
// A new item's fence starts from its creator's wall clock in µs, so once a lock item is deleted
// (deleteOnRelease, TTL) the next grant's fence exceeds the last one's exactly when
//     (e − d) × 1000 + 1 > n
// where e is the real time (ms) from the deleted item's creation to the new item's creation, d how
// far the new creator's wall clock is behind the deleted item's creator's, and n the grants the
// deleted item carried. Both sides are proven here with injected clocks on the DynamoDB model:
// the fence increases when the condition holds and goes backwards when it does not.

const T0 = Date.UTC(2026, 11, 7, 5, 0, 0);

/** A clock the test sets: true time plus this process's wall-clock offset. */
function skewedClock(now: { ms: number }, offsetMs: number): Clock {
  return { monotonicNow: () => now.ms, wallNow: () => now.ms + offsetMs };
}

async function fencesAcrossDeletion(elapsedMs: number, behindMs: number, grants: number, deletion: 'deleteOnRelease' | 'ttl') {
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable('locks', { partitionKeyName: 'pk' });
  const now = { ms: T0 };
  const options = { tableName: 'locks', client: ddb as never, heartbeatMs: 0 };
  const first = new LockClient({ ...options, ownerName: 'first', clock: skewedClock(now, 0) });
  const next = new LockClient({ ...options, ownerName: 'next', clock: skewedClock(now, -behindMs) });
  let last = 0;
  for (let i = 0; i < grants; i++) {
    const lock = await first.acquire('job', { autoHeartbeat: false });
    last = lock.fence;
    await lock.release({ deleteItem: deletion === 'deleteOnRelease' && i === grants - 1 });
  }
  if (deletion === 'ttl') ddb.model.setItem('locks', { pk: { S: 'job' } }, undefined);
  now.ms += elapsedMs;
  const recreated = await next.acquire('job', { autoHeartbeat: false });
  await recreated.release();
  return { last, recreated: recreated.fence };
}

test.each(['deleteOnRelease', 'ttl'] as const)('after %s, the fence increases exactly when (e − d) × 1000 + 1 > n', async (deletion) => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: 5_000 }),
      fc.integer({ min: -2_000, max: 5_000 }),
      fc.integer({ min: 1, max: 4 }),
      async (elapsedMs, behindMs, grants) => {
        const { last, recreated } = await fencesAcrossDeletion(elapsedMs, behindMs, grants, deletion);
        expect(recreated > last).toBe((elapsedMs - behindMs) * 1000 + 1 > grants);
      },
    ),
    { seed: 24, numRuns: 150 },
  );
});

test('both sides, by example: one clock 5 ms behind, an item that lived 3 ms goes backwards; one that lived 6 ms does not', async () => {
  expect(await fencesAcrossDeletion(3, 5, 1, 'deleteOnRelease')).toEqual({ last: T0 * 1000 + 1, recreated: (T0 - 2) * 1000 + 1 });
  const later = await fencesAcrossDeletion(6, 5, 1, 'deleteOnRelease');
  expect(later.recreated).toBeGreaterThan(later.last);
  // TTL deletes a day (the default retention) after the lease ends: clocks would have to be a day apart.
  const ttl = await fencesAcrossDeletion(86_400_000, 3_600_000, 50, 'ttl');
  expect(ttl.recreated).toBeGreaterThan(ttl.last);
});

// Found by the simulator (issue 24): the condition's times are when the creating requests were
// *built* — the acquire reads the wall clock once, and a request that arrives late (or a retry of
// it) carries that first reading. Measured between arrivals, three simulated runs looked like
// violations; they were the requests' flight.
test('a creating acquire that arrives late carries the wall clock of when it was built', async () => {
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable('locks', { partitionKeyName: 'pk' });
  const now = { ms: T0 };
  let arrive: () => void = () => undefined;
  const slow = {
    send: async (command: Parameters<MemoryDynamoClient['send']>[0]) => {
      await new Promise<void>((resolve) => {
        arrive = resolve;
      });
      return ddb.send(command);
    },
  };
  const client = new LockClient({ tableName: 'locks', client: slow as never, heartbeatMs: 0, clock: skewedClock(now, 0) });
  const acquiring = client.acquire('job', { autoHeartbeat: false });
  await Promise.resolve();
  now.ms += 5_000; // the request is in flight for 5 s
  arrive();
  const lock = await acquiring;
  expect(lock.fence).toBe(T0 * 1000 + 1);
});
