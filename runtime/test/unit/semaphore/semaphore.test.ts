import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { type Lock, LockBusyError, LockClient, type LockClientOptions, LockValidationError } from '../../../src/index.js';
import { resizeSemaphore, Semaphore, SemaphoreSizeError } from '../../../src/semaphore/index.js';
import { T0 } from '../support.js';
import { fakePermitTable } from './fake-permit-table.js';

// Why the mock: whole leases of waiting on a fake clock, every interleaving the random picks and
// backoffs produce, and exact request counts. The same properties run against dynalite and moto
// with real processes in test/integration/semaphore.

const LEASE = 4_000;

afterEach(() => {
  jest.useRealTimers();
});

function world(options: Partial<LockClientOptions> = {}) {
  jest.useFakeTimers({ now: T0 });
  const ddb = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(ddb);
  const table = fakePermitTable(mock);
  let n = 0;
  const client = (overrides: Partial<LockClientOptions> = {}) =>
    new LockClient({
      tableName: 'locks',
      ownerName: `c${n++}`,
      client: ddb,
      leaseMs: LEASE,
      heartbeatMs: 1_000,
      pollMs: 200,
      ...options,
      ...overrides,
    });
  return { mock, table, client };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('N permits, 3N contenders (one of them dies holding): never more than N valid at once, and everyone gets through', async () => {
  const N = 3;
  const { client } = world();
  const held = new Set<Lock>();
  let maxValid = 0;
  const sample = () => {
    maxValid = Math.max(maxValid, [...held].filter((l) => l.isValid()).length);
  };
  const monitor = setInterval(sample, 25);
  let grants = 0;
  const contender = async (i: number) => {
    const semaphore = new Semaphore(client(), 'jobs', { permits: N });
    for (let round = 0; round < 3; round++) {
      const dies = i === 0 && round === 1;
      const permit = await semaphore.acquire({ waitMs: 120_000, ...(dies && { autoHeartbeat: false }) });
      held.add(permit);
      grants++;
      sample();
      if (dies) return; // never heartbeats, never releases: its permit comes back by takeover
      await sleep(300 + ((i * 7 + round * 13) % 10) * 120);
      sample();
      await permit.release();
      held.delete(permit);
    }
  };
  const all = Promise.all(Array.from({ length: 3 * N }, (_, i) => contender(i)));
  for (let t = 0; t < 200 && grants < 3 * 3 * N - 1; t++) await jest.advanceTimersByTimeAsync(500);
  await jest.advanceTimersByTimeAsync(10_000);
  await all;
  clearInterval(monitor);
  expect(grants).toBe(3 * 3 * N - 1); // the dead contender's third round never runs
  expect(maxValid).toBe(N);
});

it('a release lets exactly one waiter in', async () => {
  const { client } = world();
  const semaphore = (c = client()) => new Semaphore(c, 'jobs', { permits: 2 });
  const a = await semaphore().acquire();
  await semaphore().acquire();
  const got: Lock[] = [];
  const waiters = [semaphore(), semaphore(), semaphore()].map((s) => s.acquire({ waitMs: 60_000 }).then((l) => got.push(l)));
  await jest.advanceTimersByTimeAsync(2_000);
  expect(got).toHaveLength(0);
  await a.release();
  await jest.advanceTimersByTimeAsync(1_000);
  expect(got).toHaveLength(1);
  await jest.advanceTimersByTimeAsync(10_000); // the new holder heartbeats: nobody else gets in
  expect(got).toHaveLength(1);
  await got[0]!.release();
  await jest.advanceTimersByTimeAsync(1_000);
  expect(got).toHaveLength(2);
  void waiters;
});

it('clients that disagree on N are refused, also on a released permit, until the semaphore is resized', async () => {
  const { client } = world();
  const three = new Semaphore(client(), 'jobs', { permits: 3 });
  const five = new Semaphore(client(), 'jobs', { permits: 5 });
  const held = await three.acquire();
  await expect(five.acquire({ waitMs: 0 })).rejects.toThrow(SemaphoreSizeError);
  await expect(five.tryAcquire()).rejects.toMatchObject({ name: 'SemaphoreSizeError', expected: 5, recorded: 3, permit: 0 });
  await held.release();
  await expect(five.tryAcquire()).rejects.toThrow(SemaphoreSizeError); // a released item keeps N
  // A holder on permit 1 under N = 3 is seen by the read of a 5-client that got past permit 0.
  const h0 = await three.acquire();
  const h1 = await three.acquire();
  expect(h1.permit).toEqual({ semaphore: 'jobs', permit: expect.any(Number) });
  await h0.release();
  await expect(five.tryAcquire()).rejects.toThrow(SemaphoreSizeError);
  // Raising takes effect at once; the old size is refused from then on; holders keep their permits.
  expect(await resizeSemaphore(client(), 'jobs', { from: 3, to: 5 })).toBeGreaterThanOrEqual(2);
  expect(h1.isValid()).toBe(true);
  await h1.heartbeat();
  for (let i = 0; i < 4; i++) await five.acquire();
  await expect(three.tryAcquire()).rejects.toThrow(SemaphoreSizeError);
  await expect(five.tryAcquire()).resolves.toBeUndefined(); // 5 held: h1 and four new
});

it('refuses every bad option and size before any request', async () => {
  const { mock, client } = world();
  const c = client();
  const bad: [() => unknown, RegExp][] = [
    [() => new Semaphore(c, 'jobs', { permits: 0 }), /permits must be an integer from 1 to 100/],
    [() => new Semaphore(c, 'jobs', { permits: 101 }), /permits must be an integer from 1 to 100/],
    [() => new Semaphore(c, 'jobs', { permits: 1.5 }), /permits/],
    [() => new Semaphore(c, 'jobs', {} as never), /permits/],
    [() => new Semaphore(c, '', { permits: 2 }), /semaphore name/],
    [() => new Semaphore(c, 'jobs', { permits: 2, size: 3 } as never), /unknown option/],
    [() => new Semaphore({} as LockClient, 'jobs', { permits: 2 }), /expected a LockClient/],
  ];
  for (const [make, message] of bad) expect(make).toThrow(message);
  const semaphore = new Semaphore(c, 'jobs', { permits: 2 });
  const refused: [object, RegExp][] = [
    [{ sortKey: 'x' }, /does not take sortKey/],
    [{ reentrant: true }, /does not take reentrant/],
    [{ deleteOnRelease: true }, /does not take deleteOnRelease/],
    [{ lease: 5 }, /unknown option/],
    [{ waitMs: -1 }, /waitMs/],
    [{ leaseMs: 'x' }, /leaseMs/],
    [{ leaseMs: 100 }, /lease/],
    [{ signal: 'no' }, /signal/],
    [{ data: 42 }, /data/],
    [{ onLost: 'x' }, /onLost/],
    [{ autoHeartbeat: 'yes' }, /autoHeartbeat/],
  ];
  for (const [options, message] of refused) {
    await expect(semaphore.acquire(options as never)).rejects.toThrow(LockValidationError);
    await expect(semaphore.acquire(options as never)).rejects.toThrow(message);
  }
  await expect(semaphore.tryAcquire({ waitMs: 5 } as never)).rejects.toThrow(/tryAcquire does not wait/);
  await expect(resizeSemaphore(c, 'jobs', { from: 2, to: 2 })).rejects.toThrow(LockValidationError);
  await expect(resizeSemaphore(c, 'jobs', { from: 2, to: 200 })).rejects.toThrow(LockValidationError);
  expect(mock.calls()).toHaveLength(0);
});

it('requests per operation: 1 write free; at most 3 with k of N held; one read per poll while full; 1 write to release', async () => {
  const N = 6;
  const { table, client } = world();
  const semaphore = new Semaphore(client(), 'jobs', { permits: N });
  const counts: Record<number, string[]> = {};
  const held: Lock[] = [];
  for (let k = 0; k < N; k++) {
    table.ops.length = 0;
    held.push(await semaphore.acquire());
    counts[k] = [...table.ops];
  }
  expect(counts[0]).toEqual(['acquire']);
  expect(counts[N / 2]).toEqual(['acquire', 'readMany', 'acquire']);
  expect(counts[N - 1]).toEqual(['acquire', 'readMany', 'acquire']);
  table.ops.length = 0;
  await expect(semaphore.tryAcquire()).resolves.toBeUndefined();
  expect(table.ops).toEqual(['acquire', 'readMany']);
  // A waiter on a full semaphore: one read per poll for all N, no write until a permit frees.
  table.ops.length = 0;
  const waiting = semaphore.acquire({ waitMs: 3_000 }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(3_500);
  const busy = await waiting;
  expect(busy).toBeInstanceOf(LockBusyError);
  expect((busy as LockBusyError).retryAfterMs).toBeGreaterThan(0);
  const polls = table.ops.filter((op) => op === 'readMany').length;
  expect(table.ops.filter((op) => op === 'acquire')).toEqual(['acquire']); // permit 0, once
  expect(polls).toBeGreaterThanOrEqual(3);
  expect(table.ops.length).toBe(polls + 1 + table.ops.filter((op) => op === 'heartbeat').length);
  table.ops.length = 0;
  await held[2]!.release();
  expect(table.ops).toEqual(['release']);
});

it("a dead holder's permit comes back to a tryAcquire loop after one lease of watching, never before", async () => {
  const { client } = world();
  const dead = new Semaphore(client(), 'jobs', { permits: 1 });
  const lock = await dead.acquire({ autoHeartbeat: false });
  void lock; // its process is gone: no heartbeat, no release
  const semaphore = new Semaphore(client(), 'jobs', { permits: 1 });
  const firstSeen = Date.now();
  let taken: Lock | undefined;
  while (!taken) {
    taken = await semaphore.tryAcquire();
    if (!taken) await jest.advanceTimersByTimeAsync(250);
  }
  expect(Date.now() - firstSeen).toBeGreaterThanOrEqual(LEASE);
  expect(Date.now() - firstSeen).toBeLessThanOrEqual(LEASE + 500);
  expect(taken.fence).toBeGreaterThan(lock.fence);
});

it('wall-clock mode takes a dead permit at expiresAt + maxSkewMs; lease caps reach the permit write', async () => {
  const { client, table } = world({ trustWallClock: { maxSkewMs: 500 } });
  const dead = await new Semaphore(client(), 'jobs', { permits: 1 }).acquire({ autoHeartbeat: false, maxLeaseMs: () => 1_000 });
  expect(Number(table.items.get('jobs#0')!.leaseMs!.N)).toBe(1_000);
  // A new environment each call (no watch memory): only the wall-clock rule can let it in.
  await expect(new Semaphore(client(), 'jobs', { permits: 1 }).acquire({ waitMs: 0 })).rejects.toThrow(LockBusyError);
  await jest.advanceTimersByTimeAsync(1_000 + 500 - 1);
  await expect(new Semaphore(client(), 'jobs', { permits: 1 }).tryAcquire()).resolves.toBeUndefined();
  await jest.advanceTimersByTimeAsync(2);
  const taken = await new Semaphore(client(), 'jobs', { permits: 1 }).acquire({ waitMs: 0 });
  expect(taken.fence).toBeGreaterThan(dead.fence);
});
