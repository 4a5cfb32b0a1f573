import { afterEach, expect, it, jest } from '@jest/globals';
import { fakeLockTable, mockedClient, operations } from '../support.js';

// Why the mock: these are timer properties; fake timers decide exactly when each response
// arrives and count the timers a held lock keeps.

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

const LEASE = 10_000;
const HEARTBEAT = 2_500;

function setup() {
  const ctx = mockedClient({ leaseMs: LEASE, safetyMarginMs: 1_000, heartbeatMs: HEARTBEAT });
  return { ...ctx, table: fakeLockTable(ctx.mock) };
}

it('a held lock keeps one timer for its heartbeat, danger warning and end of validity', async () => {
  const { client } = setup();
  const lock = await client.acquire('job');
  const danger = jest.fn();
  lock.on('danger', danger);
  expect(jest.getTimerCount()).toBe(1);
  await jest.advanceTimersByTimeAsync(3 * HEARTBEAT); // three renewals
  expect(jest.getTimerCount()).toBe(1);
  expect(lock.isValid()).toBe(true);
  expect(danger).not.toHaveBeenCalled();
  await lock.release();
  expect(jest.getTimerCount()).toBe(0);
});

it('the first heartbeat counts from when the acquire was sent, not from when its answer came', async () => {
  const { mock, client, table } = setup();
  const SLOW = 1_000;
  table.beforeWrite = (kind) => (kind === 'acquire' ? new Promise((resolve) => setTimeout(resolve, SLOW)) : undefined);
  const acquiring = client.acquire('job');
  await jest.advanceTimersByTimeAsync(SLOW);
  const lock = await acquiring;
  // Validity counts from the send, so the renewal is due a heartbeat period after it as well.
  await jest.advanceTimersByTimeAsync(HEARTBEAT - SLOW - 1);
  expect(operations(mock)).toEqual(['UpdateItem']);
  await jest.advanceTimersByTimeAsync(1);
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
  await lock.release();
});
