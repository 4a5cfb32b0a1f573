import { expect, test } from '@jest/globals';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { LockBusyError, LockConfigurationError, LockDeadlineError, type LockEvent } from '../../../src/index.js';
import { type LockedContext, withPermit } from '../../../src/middy/index.js';
import { Semaphore } from '../../../src/semaphore/index.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

// withPermit is withLock's machinery with a semaphore permit as the thing held: these tests
// cover what the permit changes (at most N handlers, whenBusy when all are held, the view's
// permit, events with semaphore + permit); the shared machinery is covered by with-lock.test.

const table = useTestTable();
type Event = { id: number; work?: number };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('at most N handlers at once; the rest get whenBusy with retryAfterMs; permits released after: 2 writes uncontended', async () => {
  const events: LockEvent[] = [];
  const client = table.client({ leaseMs: 2_000, heartbeatMs: 400, pollMs: 50, observers: [{ onLockEvent: (e) => events.push(e) }] });
  let active = 0;
  let most = 0;
  const permits: (number | undefined)[] = [];
  const handler = middy(async (event: Event, raw: Context) => {
    const context = raw as LockedContext;
    active++;
    most = Math.max(most, active);
    permits.push(context.lock.permit?.permit);
    expect(context.lock.isValid()).toBe(true);
    await sleep(event.work ?? 0);
    active--;
    return 'ran';
  }).use(
    withPermit<Event, unknown>('partner', {
      client,
      permits: 3,
      waitMs: 0,
      whenBusy: (error) => ({ busy: true, retryAfterMs: error.retryAfterMs }),
    }),
  );
  const requests = countRequests(client.dynamoDb);
  expect(await handler({ id: 0 }, lambdaContext(10_000))).toBe('ran');
  expect(requests.counts).toEqual({ UpdateItem: 2 });
  const results = await Promise.all(Array.from({ length: 8 }, (_, id) => handler({ id, work: 300 }, lambdaContext(10_000))));
  expect(most).toBe(3);
  expect(results.filter((r) => r === 'ran')).toHaveLength(3);
  const busy = results.filter((r) => r !== 'ran') as unknown as { busy: boolean; retryAfterMs: number }[];
  expect(busy).toHaveLength(5);
  // The earliest a permit could be had, as each saw it: 0 when its read showed a permit free that
  // another invocation took first; never beyond a lease.
  for (const b of busy) expect(b.retryAfterMs).toBeGreaterThanOrEqual(0);
  for (const b of busy) expect(b.retryAfterMs).toBeLessThanOrEqual(2_000);
  expect(new Set(permits.slice(1))).toEqual(new Set([0, 1, 2]));
  expect(await new Semaphore(client, 'partner', { permits: 3 }).holders()).toEqual([]);
  const acquired = events.filter((e) => e.type === 'acquired');
  expect(acquired.length).toBeGreaterThanOrEqual(4);
  for (const e of acquired) expect(e).toMatchObject({ semaphore: 'partner', permit: expect.any(Number) });
  expect(events.filter((e) => e.type === 'released').every((e) => e.semaphore === 'partner')).toBe(true);
});

test('the semaphore name may come from the event; the lease is capped by the remaining time; the deadline releases', async () => {
  const client = table.client({ leaseMs: 5_000, heartbeatMs: 500 });
  let leaseMs = 0;
  const handler = middy(async (_event: Event, raw: Context) => {
    const context = raw as LockedContext;
    const held = await new Semaphore(client, 'tenant-7', { permits: 2 }).holders();
    leaseMs = held[0]!.info.leaseMs;
    await new Promise((resolve) => context.lock.signal.addEventListener('abort', resolve));
    expect(context.lock.signal.reason).toBeInstanceOf(LockDeadlineError);
  }).use(withPermit((event: Event) => `tenant-${event.id}`, { client, permits: 2, deadlineMarginMs: 500 }));
  await expect(handler({ id: 7 }, lambdaContext(2_000))).rejects.toThrow(LockDeadlineError);
  expect(leaseMs).toBeLessThanOrEqual(2_000);
  expect(await new Semaphore(client, 'tenant-7', { permits: 2 }).holders()).toEqual([]);
});

test('bad options are refused when the middleware is built', () => {
  const client = table.client();
  expect(() => withPermit('x', { client } as never)).toThrow(/permits must be an integer/);
  expect(() => withPermit('x', { client, permits: 101 })).toThrow(LockConfigurationError); // the middleware's options: configuration
  expect(() => withPermit('', { client, permits: 2 })).toThrow(/semaphore name/);
  expect(() => withPermit('x', { client, permits: 2, sortKey: 'a' } as never)).toThrow(/unknown option/);
  expect(() => withPermit('x', { client, permits: 2, whenBusy: 'retry' } as never)).toThrow(/whenBusy/);
  void LockBusyError;
});
