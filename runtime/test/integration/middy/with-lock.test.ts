import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, test } from '@jest/globals';
import middy7 from '@middy/core';
import middy6 from 'middy6';
import { getLock } from '../../../src/admin/index.js';
import { fencedWrite, LockBusyError, LockDeadlineError, LockLostError, LockValidationError } from '../../../src/index.js';
import { type LockedContext, withLock } from '../../../src/middy/index.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { countRequests, useTestTable } from '../../support/test-table.js';

const table = useTestTable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Event = { customerId: string; work?: number };
const byCustomer = (e: Event) => e.customerId;
// middy's types differ between majors; the middleware's shape is the same for both.
type Middy = (
  handler: (event: Event, context: LockedContext) => Promise<unknown>,
  options?: { timeoutEarlyInMillis?: number },
) => {
  use(m: object): (event: Event, context: object) => Promise<unknown>;
};

describe.each([
  ['middy 7', middy7 as unknown as Middy],
  ['middy 6', middy6 as unknown as Middy],
])('withLock on %s', (_name, middy) => {
  const lockClient = () => table.client({ leaseMs: 1_000, heartbeatMs: 200, pollMs: 50 });

  test('holds the lock during the handler, exposes it on the context, releases after: 2 requests in all', async () => {
    // A handler shorter than one heartbeat period: with the suite's 200 ms heartbeats, a slow
    // server (moto on a loaded CI machine) let a heartbeat fall inside the handler (3 writes).
    const client = table.client({ leaseMs: 10_000, heartbeatMs: 5_000, pollMs: 50 });
    const requests = countRequests(client.dynamoDb);
    let seen: Partial<LockedContext['lock']> = {};
    const handler = middy(async (_event, context) => {
      seen = { key: context.lock.key, fence: context.lock.fence, data: context.lock.data };
      expect(context.lock.isValid()).toBe(true);
      expect(context.lock.signal.aborted).toBe(false);
      expect((await getLock(client, context.lock.key))?.owner).toBe(client.ownerName);
      return 'done';
    }).use(withLock(byCustomer, { client, data: (e: Event) => `for ${e.customerId}` }));
    const before = requests.total();
    expect(await handler({ customerId: `c-${_name}` }, lambdaContext(10_000))).toBe('done');
    expect(seen).toMatchObject({ key: `c-${_name}`, data: `for c-${_name}` });
    expect(requests.counts.UpdateItem).toBe(2);
    expect(requests.total() - before - 1 /* getLock in the handler */).toBe(2);
    expect((await getLock(client, `c-${_name}`))?.released).toBe(true);
    expect(client.heldLocks).toHaveLength(0);
  });

  test('concurrent invocations on one key: one handler at a time; distinct keys overlap', async () => {
    const client = lockClient();
    let active = 0;
    let maxActive = 0;
    const perKey = new Map<string, number>();
    let maxPerKey = 0;
    // Distinct keys must be held at once: each key's handler waits (bounded) until the other key's
    // has started, rather than hoping two 30 ms sleeps overlap — on a slow server (moto serves one
    // request at a time) one key's whole queue could pass before the other's first grant lands.
    const started = new Set<string>();
    let bothStarted!: () => void;
    const bothRunning = new Promise<void>((resolve) => {
      bothStarted = resolve;
    });
    const handler = middy(async (event) => {
      active++;
      perKey.set(event.customerId, (perKey.get(event.customerId) ?? 0) + 1);
      maxActive = Math.max(maxActive, active);
      maxPerKey = Math.max(maxPerKey, ...perKey.values());
      started.add(event.customerId);
      if (started.size === 2) bothStarted();
      await new Promise<void>((resolve) => {
        const giveUp = setTimeout(resolve, 5_000);
        void bothRunning.then(() => {
          clearTimeout(giveUp);
          resolve();
        });
      });
      maxActive = Math.max(maxActive, active);
      await sleep(30);
      perKey.set(event.customerId, perKey.get(event.customerId)! - 1);
      active--;
    }).use(withLock(byCustomer, { client, waitMs: 8_000 }));
    const events = ['a', 'b'].flatMap((c) => Array.from({ length: 4 }, () => ({ customerId: `${_name}-${c}` })));
    await Promise.all(events.map((e) => handler(e, lambdaContext(15_000))));
    expect(maxPerKey).toBe(1);
    expect(maxActive).toBe(2);
  });

  const readOnlyContextLock =
    'context.lock is a read-only view: no release, heartbeat or client even through `as any`; fencedWrite takes it;' +
    ' the middleware releases';
  test(readOnlyContextLock, async () => {
    const events: string[] = [];
    const client = table.client({
      leaseMs: 1_000,
      heartbeatMs: 200,
      pollMs: 50,
      observers: [
        {
          onLockEvent: (e) => {
            events.push(e.type);
          },
        },
      ],
    });
    const key = `view-${_name}`;
    let fence = 0;
    let kept: LockedContext['lock'] | undefined;
    const handler = middy(async (_event, context) => {
      kept = context.lock;
      // What `as any` would reach: every own and inherited property, untyped.
      const view = context.lock as unknown as Record<string, unknown>;
      fence = context.lock.fence;
      for (const name of ['release', 'heartbeat', 'markLost', 'lock', 'client', 'on'])
        expect({ name, value: view[name] }).toEqual({ name, value: undefined });
      expect(Object.keys(view).sort()).toEqual(['data', 'fence', 'isValid', 'key', 'owner', 'permit', 'remainingMs', 'signal', 'sortKey']);
      expect(Object.isFrozen(view)).toBe(true);
      expect(() => {
        view.release = () => true;
      }).toThrow(TypeError);
      expect(context.lock.owner).toBe(client.ownerName);
      expect(context.lock.remainingMs).toBeGreaterThan(0);
      expect(context.lock.remainingMs).toBeLessThanOrEqual(1_000);
      // The lock the middleware holds stays with the middleware: the handler only sees the grant.
      const [held] = client.heldLocks;
      await fencedWrite(context.lock, { put: { TableName: table.tableName, Item: { pk: { S: `${key}-resource` } } } });
      expect(held!.state).toBe('held');
      return 'done';
    }).use(withLock(byCustomer, { client }));
    expect(await handler({ customerId: key }, lambdaContext(10_000))).toBe('done');
    expect((await getLock(client, key))?.released).toBe(true);
    expect(client.heldLocks).toHaveLength(0);
    expect(events.filter((type) => type === 'released')).toEqual(['released']);
    // A view kept past the invocation says the lock is gone.
    expect([kept!.isValid(), kept!.remainingMs]).toEqual([false, 0]);
    const { Item } = await table.admin.send(
      new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: `${key}-resource` } }, ConsistentRead: true }),
    );
    expect(Item?.lockFence).toEqual({ N: String(fence) });
  });

  test('busy: LockBusyError by default, or the early response of whenBusy; the handler never runs', async () => {
    const holder = lockClient();
    const lock = await holder.acquire(`busy-${_name}`);
    let ran = 0;
    const run = async () => {
      ran++;
    };
    const client = lockClient();
    await expect(
      middy(run).use(withLock(byCustomer, { client }))({ customerId: `busy-${_name}` }, lambdaContext(5_000)),
    ).rejects.toBeInstanceOf(LockBusyError);
    const early = middy(run).use(withLock(byCustomer, { client, whenBusy: (e) => ({ statusCode: 409, holder: e.holder }) }));
    expect(await early({ customerId: `busy-${_name}` }, lambdaContext(5_000))).toEqual({ statusCode: 409, holder: holder.ownerName });
    expect(ran).toBe(0);
    // onError after our own failed before never released the other invocation's lock.
    expect(lock.isValid()).toBe(true);
    expect((await getLock(holder, `busy-${_name}`))?.released).toBe(false);
    expect(client.heldLocks).toHaveLength(0);
    await lock.release();
  });

  test('lost mid-handler: the signal aborts and the invocation fails with LockLostError (or goes to whenLost)', async () => {
    const steal = (key: string) =>
      table.admin.send(
        new PutItemCommand({
          TableName: table.tableName,
          Item: {
            pk: { S: key },
            owner: { S: 'thief' },
            rvn: { S: 'x' },
            fence: { N: '1' },
            leaseMs: { N: '60000' },
            expiresAt: { N: '0' },
            released: { BOOL: false },
          },
        }),
      );
    const client = lockClient();
    const handler = (key: string) =>
      middy(async (_e, context) => {
        await steal(key);
        await new Promise((resolve) => context.lock.signal.addEventListener('abort', resolve));
        expect(context.lock.isValid()).toBe(false);
        return 'finished anyway';
      });
    await expect(
      handler(`lost-${_name}`).use(withLock(byCustomer, { client }))({ customerId: `lost-${_name}` }, lambdaContext(10_000)),
    ).rejects.toBeInstanceOf(LockLostError);
    const reported: unknown[] = [];
    const tolerant = handler(`lost2-${_name}`).use(
      withLock(byCustomer, {
        client,
        whenLost: (e) => {
          reported.push(e);
        },
      }),
    );
    expect(await tolerant({ customerId: `lost2-${_name}` }, lambdaContext(10_000))).toBe('finished anyway');
    expect(reported[0]).toBeInstanceOf(LockLostError);
    expect((await getLock(client, `lost-${_name}`))?.owner).toBe('thief');
    // A handler that honours the signal fails with its AbortError; the invocation names the loss.
    const honouring = middy(async (_e, context) => {
      await steal(`lost3-${_name}`);
      await new Promise((_resolve, reject) => context.lock.signal.addEventListener('abort', () => reject(new Error('aborted by signal'))));
    }).use(withLock(byCustomer, { client }));
    const error = await honouring({ customerId: `lost3-${_name}` }, lambdaContext(10_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockLostError);
    expect((error as Error).cause).toEqual(new Error('aborted by signal'));
  });

  test('an overrunning handler: at remaining − margin the signal aborts and the lock is released before the timeout', async () => {
    const client = lockClient();
    const key = `overrun-${_name}`;
    let abortedAt = 0;
    let releasedAtTimeout: boolean | undefined;
    const context = lambdaContext(1_500);
    const handler = middy(async (_e, ctx) => {
      ctx.lock.signal.addEventListener('abort', () => {
        abortedAt = context.getRemainingTimeInMillis();
      });
      await sleep(1_300); // past 1500 − 500 margin
      releasedAtTimeout = (await getLock(client, key))?.released;
    }).use(withLock(byCustomer, { client, deadlineMarginMs: 500 }));
    await expect(handler({ customerId: key }, context)).rejects.toBeInstanceOf(LockDeadlineError);
    expect(abortedAt).toBeGreaterThan(300);
    expect(releasedAtTimeout).toBe(true);
    // The next invocation gets it at once, without waiting for a lease.
    const next = await client.tryAcquire(key);
    expect(next).toBeDefined();
    await next!.release();
  });

  test('too little time left: LockDeadlineError and no request sent', async () => {
    const client = lockClient();
    const requests = countRequests(client.dynamoDb);
    const handler = middy(async () => 'ran').use(withLock(byCustomer, { client, deadlineMarginMs: 1_000 }));
    await expect(handler({ customerId: 'late' }, lambdaContext(1_500))).rejects.toBeInstanceOf(LockDeadlineError);
    const zero = lambdaContext(1);
    zero.expire(); // getRemainingTimeInMillis() === 0 means no time, not "unknown"
    await expect(handler({ customerId: 'late' }, zero)).rejects.toBeInstanceOf(LockDeadlineError);
    expect(requests.total()).toBe(0);
  });

  test.each([
    ['undefined', () => undefined],
    ['an empty string', () => ''],
    ['a number', () => 42],
    ['a key over 2048 bytes', () => 'x'.repeat(2049)],
    [
      'a throwing function',
      () => {
        throw new Error('no customerId');
      },
    ],
    ['an async function returning null', async () => null],
  ])('a key function returning %s: LockValidationError, no request, handler not run', async (_what, keyFn) => {
    const client = lockClient();
    const requests = countRequests(client.dynamoDb);
    let ran = false;
    const handler = middy(async () => {
      ran = true;
    }).use(withLock(keyFn as never, { client }));
    await expect(handler({ customerId: 'x' }, lambdaContext(5_000))).rejects.toBeInstanceOf(LockValidationError);
    expect(requests.total()).toBe(0);
    expect(ran).toBe(false);
  });

  test("middy's own timeoutEarlyInMillis: its TimeoutError goes to onError, which releases the lock", async () => {
    const client = lockClient();
    const key = `middy-timeout-${_name}`;
    const handler = middy(
      async () => {
        await sleep(800);
      },
      { timeoutEarlyInMillis: 1_000 },
    ).use(withLock(byCustomer, { client, deadlineMarginMs: 200 }));
    await expect(handler({ customerId: key }, lambdaContext(1_500))).rejects.toThrow();
    expect((await getLock(client, key))?.released).toBe(true);
    expect(client.heldLocks).toHaveLength(0);
  });
});
