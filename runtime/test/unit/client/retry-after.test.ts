import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { LockBusyError, type LockClientOptions } from '../../../src/index.js';
import { conditionFailed, lockItem, mockedClient, T0 } from '../support.js';

// aws-sdk-client-mock with fake timers: the value is a computation on the holder's item and the
// clocks, pinned to the millisecond. `retryAfterMs` is how long a holder that died now keeps
// callers out — in wall-clock mode for every caller, a new process included.

afterEach(() => {
  jest.useRealTimers();
});

const LEASE = 30_000;

/** A holder that wrote just now (`expiresAt` one lease ahead), seen for the first time. */
async function busyOnFreshHolder(options: Partial<LockClientOptions>): Promise<LockBusyError> {
  const { mock, client } = mockedClient({ leaseMs: LEASE, ...options });
  const held = lockItem({ leaseMs: LEASE, expiresAt: T0 + LEASE });
  mock.on(UpdateItemCommand).rejects(conditionFailed(held));
  mock.on(GetItemCommand).resolves({ Item: held });
  return (await client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e)) as LockBusyError;
}

it('wall-clock mode: expiresAt + maxSkewMs from now, the skew allowance included (31,001 ms, not 30,000)', async () => {
  const busy = await busyOnFreshHolder({ trustWallClock: { maxSkewMs: 1_000 } });
  expect(busy).toBeInstanceOf(LockBusyError);
  // The client's own watch would reach a lease at 30,000 ms; a new process's never does, and a
  // Retry-After reaches whichever environment serves the retry.
  expect(busy.retryAfterMs).toBe(LEASE + 1_000 + 1);
  expect(busy.message).toMatch(/if that holder stopped now, the lock could be taken in 31001 ms/);
});

it('skew-free mode: one lease of watching from this first look', async () => {
  const busy = await busyOnFreshHolder({});
  expect(busy.retryAfterMs).toBe(LEASE);
});

it('wall-clock mode, a holder whose expiry has passed but not the skew allowance: the rest of the allowance', async () => {
  const { mock, client } = mockedClient({ leaseMs: LEASE, trustWallClock: { maxSkewMs: 1_000 } });
  const held = lockItem({ leaseMs: LEASE, expiresAt: T0 - 400 });
  mock.on(UpdateItemCommand).rejects(conditionFailed(held));
  mock.on(GetItemCommand).resolves({ Item: held });
  const busy = (await client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e)) as LockBusyError;
  expect(busy.retryAfterMs).toBe(601);
});
