import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import type { Lock } from '../../../src/index.js';
import { Semaphore, SemaphoreSizeError } from '../../../src/semaphore/index.js';
import { useCountingProxy } from '../../support/counting-proxy.js';
import { serverHas, testServer } from '../../support/test-server.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// The semaphore on a real server: request counts at the wire (a loopback proxy, local servers
// only), eight processes contending for N = 3, and permit holders SIGKILLed or SIGSTOPped.

const atTheWire = onRealDynamoDb ? test.skip : test;
const table = useTestTable();
const wire = useCountingProxy();

type Event = { event: string; permit?: number; fence?: number; from?: number; until?: number; state?: string; released?: unknown };

/** Starts a semaphore-worker process; `lines` collects what it prints, `next(e)` waits for an event. */
function worker(name: string, permits: number, lease: number, mode: 'contend' | 'hold', rounds = 0) {
  const fixture = fileURLToPath(new URL('../fixtures/semaphore-worker.ts', import.meta.url));
  const endpoint = onRealDynamoDb ? 'aws' : process.env.DDB_LOCK_TEST_ENDPOINT!;
  const args = [fixture, endpoint, table.tableName, name, String(permits), String(lease), mode, String(rounds)];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const lines: Event[] = [];
  const waiters: [string, (e: Event) => void][] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as Event;
    lines.push(e);
    const i = waiters.findIndex(([event]) => event === e.event);
    if (i >= 0) waiters.splice(i, 1)[0]![1](e);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const next = (event: string) => {
    const seen = lines.find((e) => e.event === event);
    return seen ? Promise.resolve(seen) : new Promise<Event>((resolve) => waiters.push([event, resolve]));
  };
  return { child, lines, exited, next };
}

const N = 6;
const contended = serverHas.itemOnFailedCondition ? { UpdateItem: 2, BatchGetItem: 1 } : { UpdateItem: 2, GetItem: 1, BatchGetItem: 1 };

atTheWire(`requests per acquire on ${testServer} for k = 0, N/2, N−1 of N = ${N} held, per poll, per release`, async () => {
  const semaphore = new Semaphore(table.client({ client: wire.client, leaseMs: 10_000 }), 'counted', { permits: N });
  const held: Lock[] = [];
  const perAcquire: Record<number, Record<string, number>> = {};
  for (let k = 0; k < N; k++) {
    wire.proxy.reset();
    held.push(await semaphore.acquire({ autoHeartbeat: false }));
    perAcquire[k] = wire.proxy.counts();
  }
  expect(perAcquire[0]).toEqual({ UpdateItem: 1 });
  expect(perAcquire[N / 2]).toEqual(contended);
  expect(perAcquire[N - 1]).toEqual(contended);
  // Full: a tryAcquire is the failed write on permit 0 and one read of all N.
  wire.proxy.reset();
  expect(await semaphore.tryAcquire()).toBeUndefined();
  expect(wire.proxy.counts()).toEqual({ ...contended, UpdateItem: 1 });
  // A waiter: one BatchGetItem per poll for all N permits, no write while nothing frees. It is
  // stopped after its third poll by its signal, not by a deadline, so a slow server on a loaded
  // machine cannot make it poll fewer times than the test counts on.
  wire.proxy.reset();
  const stop = new AbortController();
  const waiting = semaphore.acquire({ waitMs: 120_000, pollMs: 200, signal: stop.signal });
  const aborted = expect(waiting).rejects.toMatchObject({ name: 'LockAbortedError' });
  while ((wire.proxy.counts().BatchGetItem ?? 0) < 3) await new Promise((resolve) => setTimeout(resolve, 20));
  stop.abort();
  await aborted;
  const waited = wire.proxy.counts();
  expect(waited.UpdateItem).toBe(1);
  expect(waited.BatchGetItem).toBeGreaterThanOrEqual(3);
  expect(Object.keys(waited).sort()).toEqual(Object.keys(contended).sort());
  wire.proxy.reset();
  await held[3]!.release();
  expect(wire.proxy.counts()).toEqual({ UpdateItem: 1 });
  process.stdout.write(`semaphore requests on ${testServer}: ${JSON.stringify({ perAcquire, waited })}\n`);
  for (const lock of held) await lock.release();
});

const eight = `eight processes, N = 3, on ${testServer}: never more than 3 believe a permit valid; fences increase per permit`;
test(eight, async () => {
  const workers = Array.from({ length: 8 }, () => worker('eight', 3, 2_000, 'contend', 4));
  const exits = await Promise.all(workers.map((w) => w.exited));
  expect(exits.every((e) => e.code === 0)).toBe(true);
  const held = workers.flatMap((w) => w.lines.filter((e) => e.event === 'held'));
  expect(held).toHaveLength(32);
  // Most windows that overlap at any instant (same machine: one wall clock).
  const edges = held.flatMap((h): [number, number][] => [
    [h.from!, 1],
    [h.until!, -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let most = 0;
  for (const [, d] of edges) {
    current += d;
    most = Math.max(most, current);
  }
  expect(most).toBeLessThanOrEqual(3);
  expect(most).toBeGreaterThanOrEqual(2); // they really contended
  for (let permit = 0; permit < 3; permit++) {
    const fences = held
      .filter((h) => h.permit === permit)
      .sort((a, b) => a.from! - b.from!)
      .map((h) => h.fence!);
    expect(fences).toEqual([...fences].sort((a, b) => a - b));
    expect(new Set(fences).size).toBe(fences.length);
  }
}, 120_000);

const killed = `SIGKILLed holders' permits come back within L1 (waiting) and L4 (tryAcquire loop) on ${testServer}, not before`;
test(killed, async () => {
  const LEASE = 1_000;
  const holders = [worker('killed', 2, LEASE, 'hold'), worker('killed', 2, LEASE, 'hold')];
  await Promise.all(holders.map((h) => h.next('renewed')));
  const looper = new Semaphore(table.client({ leaseMs: LEASE, pollMs: 100 }), 'killed', { permits: 2 });
  expect(await looper.tryAcquire()).toBeUndefined(); // it starts watching before the kill
  for (const h of holders) h.child.kill('SIGKILL');
  const killedAt = Date.now();
  for (const h of holders) expect((await h.exited).signal).toBe('SIGKILL');
  const waiter = new Semaphore(table.client({ leaseMs: LEASE, pollMs: 100 }), 'killed', { permits: 2 });
  const waiting = waiter.acquire({ waitMs: 5_000 }).then((lock) => ({ lock, at: Date.now() }));
  let looped: Lock | undefined;
  while (!looped) {
    looped = await looper.tryAcquire();
    if (!looped) await new Promise((r) => setTimeout(r, 100));
    if (Date.now() - killedAt > 5_000) throw new Error('the tryAcquire loop never got a permit back');
  }
  const loopedMs = Date.now() - killedAt;
  const waited = await waiting;
  const waitedMs = waited.at - killedAt;
  process.stdout.write(
    `semaphore recovery after SIGKILL on ${testServer}: tryAcquire loop ${loopedMs} ms, waiting ${waitedMs} ms (lease ${LEASE})\n`,
  );
  // Never before one lease after the holder's last heartbeat (sent at most a period before the kill).
  for (const ms of [loopedMs, waitedMs]) expect(ms).toBeGreaterThanOrEqual(LEASE - LEASE / 5);
  expect(loopedMs).toBeLessThanOrEqual(LEASE + 100 + 600); // L4: watched since before the kill, one call interval
  expect(waitedMs).toBeLessThanOrEqual(LEASE + 100 + 600); // L1: lease + poll from its first read, right after the kill
  expect(new Set([looped.permit?.permit, waited.lock.permit?.permit])).toEqual(new Set([0, 1]));
  await looped.release();
  await waited.lock.release();
}, 30_000);

test(`a SIGSTOPped permit holder learns of its loss on resume before acting, on ${testServer}`, async () => {
  const LEASE = 1_000;
  const holder = worker('paused', 1, LEASE, 'hold');
  await holder.next('renewed');
  holder.child.kill('SIGSTOP');
  const semaphore = new Semaphore(table.client({ leaseMs: LEASE, pollMs: 100 }), 'paused', { permits: 1 });
  const successor = await semaphore.acquire({ waitMs: 5_000 });
  const acquired = await holder.next('acquired');
  expect(successor.fence).toBeGreaterThan(acquired.fence!);
  holder.child.kill('SIGCONT');
  expect((await holder.next('invalid-before-acting')).state).toBe('lost');
  expect((await holder.next('after-resume')).released).toBe(false); // its release does not touch the successor's item
  await holder.exited;
  expect(successor.isValid()).toBe(true);
  await successor.heartbeat();
  expect((await semaphore.holders()).map((h) => h.info.owner)).toEqual([successor.owner]);
  await successor.release();
}, 30_000);

test(`a client with another N is refused on ${testServer}`, async () => {
  const three = await new Semaphore(table.client(), 'sized', { permits: 3 }).acquire();
  await expect(new Semaphore(table.client(), 'sized', { permits: 4 }).tryAcquire()).rejects.toThrow(SemaphoreSizeError);
  await three.release();
});
