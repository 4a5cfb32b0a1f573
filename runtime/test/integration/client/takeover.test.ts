import { expect, test } from '@jest/globals';
import type { LockClient } from '../../../src/index.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

const table = useTestTable();

const LEASE = 800;

/** A holder that dies: it acquired and then never heartbeats or releases. */
async function crashedHolder(key: string, client: LockClient = table.client({ leaseMs: LEASE, heartbeatMs: 200 })) {
  return client.acquire(key, { autoHeartbeat: false });
}

test('skew-free default: a dead holder is taken over only after its record version stayed unchanged for a full lease', async () => {
  const dead = await crashedHolder('dead');
  const waiter = table.client({ leaseMs: LEASE, heartbeatMs: 200, pollMs: 100 });
  const started = performance.now();
  const lock = await waiter.acquire('dead', { waitMs: 5_000 });
  const waited = performance.now() - started;
  // Never earlier than one lease after the holder's last write (L1), within lease + poll + slack.
  expect(waited).toBeGreaterThanOrEqual(LEASE);
  expect(waited).toBeLessThan(LEASE + 100 + 1_000);
  expect(lock.fence).toBe(dead.fence + 1);
  // The dead holder's own view: once validity has run out it knows it is not the holder.
  expect(dead.isValid()).toBe(false);
  expect(dead.state).toBe('lost');
  await lock.release();
});

test('a takeover does not happen while the waiter has not watched the same version for a lease', async () => {
  await crashedHolder('not-yet');
  const waiter = table.client({ leaseMs: LEASE, heartbeatMs: 200, pollMs: 100 });
  // Even long after the holder's lease ended by wall clock, a fresh waiter must watch first.
  await new Promise((r) => setTimeout(r, LEASE + 200));
  expect(await waiter.tryAcquire('not-yet')).toBeUndefined();
});

test('fast mode takes a lock whose expiresAt + maxSkewMs has passed at once, in one request', async () => {
  await crashedHolder('fast');
  await new Promise((r) => setTimeout(r, LEASE + 150));
  const waiter = table.client({ leaseMs: LEASE, heartbeatMs: 200, trustWallClock: { maxSkewMs: 100 } });
  const requests = countRequests(waiter.dynamoDb);
  const lock = await waiter.tryAcquire('fast');
  expect(lock).toBeDefined();
  expect(requests.counts).toEqual({ UpdateItem: 1 });
  await lock!.release();
});

test('fast mode does not take a lock before expiresAt + maxSkewMs', async () => {
  await crashedHolder('fast-early');
  const waiter = table.client({ leaseMs: LEASE, heartbeatMs: 200, trustWallClock: { maxSkewMs: 5_000 } });
  expect(await waiter.tryAcquire('fast-early')).toBeUndefined();
});

test('a released lock is taken at once, without waiting for a lease', async () => {
  const holder = table.client({ leaseMs: 10_000, heartbeatMs: 2_000 });
  const lock = await holder.acquire('released');
  await lock.release();
  const waiter = table.client({ leaseMs: 10_000, heartbeatMs: 2_000 });
  const started = performance.now();
  const next = await waiter.acquire('released', { waitMs: 0 });
  expect(performance.now() - started).toBeLessThan(5_000);
  await next.release();
});

test('reads used for lock decisions are consistent reads', async () => {
  const holder = table.client({ leaseMs: 2_000, heartbeatMs: 500 });
  const lock = await holder.acquire('consistent');
  const waiter = table.client({ leaseMs: 2_000, heartbeatMs: 500 });
  const reads: unknown[] = [];
  waiter.dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetItemCommand') reads.push((args.input as { ConsistentRead?: boolean }).ConsistentRead);
      return next(args);
    },
    { step: 'initialize', name: 'recordReads' },
  );
  await waiter.acquire('consistent', { waitMs: 300, pollMs: 50 }).catch(() => undefined);
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.every((r) => r === true)).toBe(true);
  await lock.release();
});
