import { afterEach, expect, it, jest } from '@jest/globals';
import { LockLostError, LockNotOwnerError } from '../../../src/index.js';
import { fakeLockTable, mockedClient, pausableClock } from '../support.js';

// Why the mock: the signal is made lazily (issue 10, client CPU); these tests pin that a signal
// read before the end aborts at the end, and one first read after it is already aborted with the
// same reason — on a released and on a lost grant. The mock and a pausable clock decide the end.

afterEach(() => {
  jest.restoreAllMocks();
});

function setup() {
  const clock = pausableClock();
  const ctx = mockedClient({ leaseMs: 10_000, safetyMarginMs: 1_000, heartbeatMs: 0, clock });
  fakeLockTable(ctx.mock);
  return { ...ctx, clock };
}

it('a signal read while held aborts on release, with LockNotOwnerError', async () => {
  const { client } = setup();
  const lock = await client.acquire('early');
  const signal = lock.signal;
  const aborted = jest.fn();
  signal.addEventListener('abort', aborted);
  expect(signal.aborted).toBe(false);
  await lock.release();
  expect(aborted).toHaveBeenCalledTimes(1);
  expect(signal.reason).toBeInstanceOf(LockNotOwnerError);
  expect(lock.signal).toBe(signal); // one signal per grant
});

it('a signal first read after release is already aborted, with LockNotOwnerError', async () => {
  const { client } = setup();
  const lock = await client.acquire('late');
  await lock.release();
  expect(lock.signal.aborted).toBe(true);
  expect(lock.signal.reason).toBeInstanceOf(LockNotOwnerError);
  expect((lock.signal.reason as Error).message).toBe('lock late was released');
});

it('a signal first read after loss is aborted with the very LockLostError the lost event carried', async () => {
  const { client, clock } = setup();
  const lock = await client.acquire('lost');
  const lost = jest.fn();
  lock.on('lost', lost);
  clock.pause(10_000); // past validity: the next look declares the loss
  expect(lock.isValid()).toBe(false);
  expect(lost).toHaveBeenCalledTimes(1);
  expect(lock.signal.aborted).toBe(true);
  expect(lock.signal.reason).toBeInstanceOf(LockLostError);
  expect(lock.signal.reason).toBe(lost.mock.calls[0]![0]);
  await lock.release();
});
