import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { LockAbortedError, type LockClient, type LockEvent } from '../../../src/index.js';
import { testServer } from '../../support/test-server.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// Fair waiting (issue 25; docs/design.md "Fair waiting"): no barging, waiters served in the
// order they queued, a dead or aborted waiter out of the way within its stated bound. The order
// is checked by fences (the true grant order), never by timing; the two stall bounds are the
// only wall-clock assertions, each with its derivation.

const table = useTestTable();
const HOLD_MS = 20;

/** Polls the item until `n` waiters are queued for `key`; returns their ids. */
async function waitersOnce(client: LockClient, key: string, n: number): Promise<string[]> {
  for (let i = 0; i < 500; i++) {
    const ids = ((await getLock(client, key))?.waiters ?? []).map((place) => place.id);
    if (ids.length >= n) return ids;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${n} waiters on ${key}`);
}

for (const thinkMs of [0, 50]) {
  test(`30 clients, think ${thinkMs} ms, on ${testServer}: all granted, none granted twice while another queues`, async () => {
    const key = `hot-${thinkMs}`;
    const windowMs = testServer === 'moto' ? 6_000 : 4_000;
    const grants: { fence: number; client: number }[] = [];
    const waits: { client: number; joinedAfterFence: number | undefined; fence: number }[] = [];
    const joinedAt = new Map<number, number | undefined>();
    const clients = Array.from({ length: 30 }, (_, i) =>
      table.client({
        leaseMs: 5_000,
        ownerName: `c${i}`,
        observers: [
          {
            onLockEvent(event: LockEvent) {
              if (event.type === 'queued') joinedAt.set(i, event.holderFence);
            },
          },
        ],
      }),
    );
    const end = Date.now() + windowMs;
    await Promise.all(
      clients.map(async (client, i) => {
        while (Date.now() < end) {
          joinedAt.delete(i);
          // Waits may outlast the window: the queue drains, and every wait must end with the lock.
          const lock = await client.acquire(key, { waitMs: 60_000, fair: true });
          grants.push({ fence: lock.fence, client: i });
          if (joinedAt.has(i)) waits.push({ client: i, joinedAfterFence: joinedAt.get(i), fence: lock.fence });
          await new Promise((r) => setTimeout(r, HOLD_MS));
          await lock.release();
          if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs));
        }
      }),
    );
    const perClient = clients.map((_, i) => grants.filter((g) => g.client === i).length);
    expect(Math.min(...perClient)).toBeGreaterThanOrEqual(1);
    expect(new Set(grants.map((g) => g.fence)).size).toBe(grants.length); // one grant per fence
    expect(waits.length).toBeGreaterThan(30); // most acquires queued: the key was hot
    // While a client queued (from the grant in force when it joined to its own), no other client
    // was granted more than once: FIFO, so a wait lasts at most one turn of every other client.
    let worst = 0;
    for (const wait of waits) {
      const during = grants.filter((g) => g.fence > (wait.joinedAfterFence ?? 0) && g.fence < wait.fence && g.client !== wait.client);
      const counts = new Map<number, number>();
      for (const g of during) counts.set(g.client, (counts.get(g.client) ?? 0) + 1);
      worst = Math.max(worst, ...counts.values());
    }
    console.log(
      `fair ${testServer} 30 × think ${thinkMs}: ${grants.length} grants, ${waits.length} queued waits, per client ${perClient.join(',')}`,
    );
    expect(worst).toBeLessThanOrEqual(1);
  }, 90_000);
}

test(`a waiter that aborts leaves the queue at once; the next in line is served next (${testServer})`, async () => {
  const key = 'aborting';
  const holder = await table.client({ ownerName: 'holder' }).acquire(key);
  const [a, b, c] = ['a', 'b', 'c'].map((name) => table.client({ ownerName: name, pollMs: 200 }));
  const controller = new AbortController();
  const waitingA = a!.acquire(key, { waitMs: 30_000, signal: controller.signal, fair: true }).catch((e: unknown) => e);
  await waitersOnce(a!, key, 1);
  const waitingB = b!.acquire(key, { waitMs: 30_000, fair: true });
  await waitersOnce(a!, key, 2);
  const waitingC = c!.acquire(key, { waitMs: 30_000, fair: true });
  const queued = await waitersOnce(a!, key, 3);
  expect(queued.map((id) => id.split(':')[0])).toEqual(['a', 'b', 'c']);
  controller.abort(new Error('gave up'));
  expect(await waitingA).toBeInstanceOf(LockAbortedError);
  // The abort removed its place before it returned: no place to expire, no stall.
  expect(((await getLock(a!, key))?.waiters ?? []).map((place) => place.id.split(':')[0])).toEqual(['b', 'c']);
  await holder.release();
  const lockB = await waitingB;
  expect(((await getLock(a!, key))?.waiters ?? []).map((place) => place.id.split(':')[0])).toEqual(['c']);
  await lockB.release();
  const lockC = await waitingC;
  expect(lockC.fence).toBe(lockB.fence + 1);
  await lockC.release();
}, 60_000);

test(`a queued waiter SIGKILLed holds the others up only until its place expires: placeMs + skew + one poll (${testServer})`, async () => {
  const key = 'killed-waiter';
  const POLL = 200;
  const PLACE = 4 * POLL; // DEFAULTS.placeMs
  const SKEW = 1_000; // DEFAULTS.placeSkewMs (the clients set no maxSkewMs)
  const holder = await table.client({ ownerName: 'holder' }).acquire(key);
  const fixture = fileURLToPath(new URL('../fixtures/queued-waiter.ts', import.meta.url));
  const endpoint = onRealDynamoDb ? 'aws' : process.env.DDB_LOCK_TEST_ENDPOINT!;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, endpoint, table.tableName, key, 'doomed', String(POLL)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', () => reject(new Error('waiter exited before it was killed')));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if ((JSON.parse(line) as { event: string }).event === 'queued') resolve();
    });
  });
  const [a, b] = ['a', 'b'].map((name) => table.client({ ownerName: name, pollMs: POLL }));
  const granted: string[] = [];
  const waitingA = a!.acquire(key, { waitMs: 30_000, fair: true }).then((lock) => {
    granted.push('a');
    return lock;
  });
  await waitersOnce(a!, key, 2);
  const waitingB = b!.acquire(key, { waitMs: 30_000, fair: true }).then((lock) => {
    granted.push('b');
    return lock;
  });
  expect((await waitersOnce(a!, key, 3)).map((id) => id.split(':')[0])).toEqual(['doomed', 'a', 'b']);
  child.kill('SIGKILL');
  const killedAt = Date.now();
  expect(await exited).toBe('SIGKILL');
  // The last renewal may land just after the kill; read after it, like the L4 test does.
  await new Promise((r) => setTimeout(r, 100));
  const lastExpiry = (await getLock(a!, key))!.waiters!.find((place) => place.id.startsWith('doomed:'))!.expiresAt;
  await holder.release();
  const lockA = await waitingA;
  const tookAt = Date.now();
  // Never before the dead place expired (+ skew) on a's clock: no barging past a live place…
  expect(tookAt).toBeGreaterThan(lastExpiry + SKEW);
  // …and no later than its place + skew + one poll after the kill (+ request slack on a loaded machine).
  const stall = tookAt - killedAt;
  console.log(`SIGKILLed waiter on ${testServer}: next waiter granted ${stall} ms after the kill (bound ${PLACE + SKEW + POLL} ms)`);
  expect(stall).toBeLessThanOrEqual(PLACE + SKEW + POLL + 1_000);
  await lockA.release();
  const lockB = await waitingB;
  expect(granted).toEqual(['a', 'b']);
  await lockB.release();
  expect((await getLock(a!, key))?.waiters).toBeUndefined();
}, 60_000);
