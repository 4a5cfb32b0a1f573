import { setTimeout as sleep } from 'node:timers/promises';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack, synthesizeExampleApp } from '@ddb-lock/lambda-runner';
import { type CountingProxy, startCountingProxy } from '@ddb-lock/local-dynamo';
import { getLock } from '@ddb-lock/runtime/admin';
import { afterAll, beforeAll, expect, test } from '@jest/globals';

// The example app's real bundle (cdk synth → esbuild asset) in Lambda-like child processes:
// timeout kill, freeze between invocations, remaining time from the template. The runner stands
// in for Lambda; the table is on the local server (dynalite or moto: DDB_LOCK_TEST_SERVER), or
// real DynamoDB's with DDB_LOCK_TEST_TARGET=aws.
// Request counts are taken at the wire by a loopback proxy, which cannot stand in front of
// DynamoDB's TLS endpoint (requests are signed for its host): those two tests are local only.
const onRealDynamoDb = process.env.DDB_LOCK_TEST_TARGET === 'aws';
const onTheWire = onRealDynamoDb ? test.skip : test;

const TIMEOUT_S = 4;
const LEASE_MS = 1_500;
/** The scheduled report function runs with every withLock default; a short timeout caps its lease. */
const REPORT_TIMEOUT_S = 3;
const MAX_SKEW_MS = 1_000; // withLock's default
const ARRIVAL_MS = 500;
let stack: Awaited<ReturnType<typeof startLocalStack>>;
let proxy: CountingProxy;

beforeAll(async () => {
  const assembly = await synthesizeExampleApp(`lambda-test-${process.pid}`, {
    'ddbLock:workerTimeoutSeconds': String(TIMEOUT_S),
    'ddbLock:leaseMs': String(LEASE_MS),
    'ddbLock:reportTimeoutSeconds': String(REPORT_TIMEOUT_S),
  });
  if (onRealDynamoDb) {
    stack = await startLocalStack(assembly, 'DdbLockExample', undefined);
    return;
  }
  proxy = await startCountingProxy(process.env.DDB_LOCK_TEST_ENDPOINT!, { log: true });
  stack = await startLocalStack(assembly, 'DdbLockExample', process.env.DDB_LOCK_TEST_ENDPOINT!, proxy.endpoint);
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await proxy?.stop();
});

type Result = { customerId: string; fence: number; startedAt: number; endedAt: number };
const lockKey = (customer: string) => `customer#${customer}`;

async function ledger(customer: string) {
  const { Item } = await stack.admin.dynamoDb.send(
    new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: `ledger#${customer}` } }, ConsistentRead: true }),
  );
  return { entries: Number(Item?.entries?.N ?? 0), lastFence: Number(Item?.lastFence?.N ?? 0) };
}

test('the template drives the runner: timeout, lease and table name come from the synthesized stack', () => {
  expect(stack.fn.fn.timeoutMs).toBe(TIMEOUT_S * 1000);
  expect(stack.fn.fn.runtime).toBe('nodejs22.x');
  expect(stack.leaseMs).toBe(LEASE_MS);
});

onTheWire('a short invocation costs exactly acquire + release on the lock item', async () => {
  proxy.reset();
  const r = await stack.fn.invoke({ customerId: 'short', workMs: 10 });
  expect(r.status).toBe('ok');
  expect(proxy.log.filter((l) => l.key === lockKey('short')).map((l) => l.op)).toEqual(['UpdateItem', 'UpdateItem']);
  expect(await getLock(stack.admin, lockKey('short'))).toMatchObject({ released: true, fence: (r.result as Result).fence });
});

test('concurrent invocations on one key run one at a time; distinct keys run in parallel', async () => {
  const events = [...Array(4)].flatMap(() => [
    { customerId: 'serial-a', workMs: 150 },
    { customerId: 'serial-b', workMs: 150 },
  ]);
  const results = await Promise.all(events.map((e) => stack.fn.invoke(e)));
  expect(results.map((r) => r.error?.errorType ?? r.status)).toEqual(events.map(() => 'ok'));
  const byCustomer = (c: string) =>
    results
      .map((r) => r.result as Result)
      .filter((r) => r.customerId === c)
      .sort((x, y) => x.startedAt - y.startedAt);
  for (const c of ['serial-a', 'serial-b']) {
    const runs = byCustomer(c);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.startedAt).toBeGreaterThanOrEqual(runs[i - 1]!.endedAt);
      expect(runs[i]!.fence).toBeGreaterThan(runs[i - 1]!.fence);
    }
    expect(await ledger(c)).toEqual({ entries: 4, lastFence: runs.at(-1)!.fence });
  }
  const [a, b] = [byCustomer('serial-a'), byCustomer('serial-b')];
  expect(a.some((x) => b.some((y) => x.startedAt < y.endedAt && y.startedAt < x.endedAt))).toBe(true);
}, 30_000);

test('an invocation that overruns its timeout releases the lock before the kill; the next one does not wait a lease', async () => {
  const overrun = await stack.fn.invoke({ customerId: 'overrun', workMs: 10_000, ignoreCancellation: true });
  // middy's own early timeout (5 ms before the kill) ends it; withLock reports the deadline it
  // reached before that (the handler's TimeoutError is its cause). Without middy's timeout the
  // runner would kill it at the timeout.
  expect(overrun.status === 'timeout' || overrun.error?.errorType === 'LockDeadlineError').toBe(true);
  expect(overrun.durationMs).toBeGreaterThan(TIMEOUT_S * 1000 - 100);
  // Released by the deadline (timeout − margin), before the environment was killed.
  expect(await getLock(stack.admin, lockKey('overrun'))).toMatchObject({ released: true });
  expect((await ledger('overrun')).entries).toBe(0);
  const next = await stack.fn.invoke({ customerId: 'overrun', workMs: 10 });
  expect(next.status).toBe('ok');
  expect(next.durationMs).toBeLessThan(LEASE_MS);
}, 30_000);

test('an environment killed mid-handler (out of memory): the next invocation takes over after the lease, not before', async () => {
  let sandbox = 0;
  const victim = stack.fn.invoke(
    { customerId: 'crash', workMs: 5_000 },
    {
      onStart: (id) => {
        sandbox = id;
      },
    },
  );
  await stack.heldByFunction(lockKey('crash'));
  stack.fn.crash(sandbox);
  expect((await victim).status).toBe('crashed');
  const next = await stack.fn.invoke({ customerId: 'crash', workMs: 10 });
  expect(next.status).toBe('ok');
  expect(next.durationMs).toBeGreaterThanOrEqual(LEASE_MS);
}, 30_000);

test('a handler stuck past the timeout is killed by the runner; the lock it held comes back one lease after its last' +
  ' write, not before', async () => {
  const stuck = await stack.fn.invoke({ customerId: 'stuck', blockMs: 60_000 });
  // The kill path, asserted: nothing in the environment could run (no middy timeout, no
  // deadline release), so the runner killed it at the template's timeout.
  expect(stuck.status).toBe('timeout');
  const dead = await getLock(stack.admin, lockKey('stuck'));
  expect(dead).toMatchObject({ released: false });
  const next = await stack.fn.invoke({ customerId: 'stuck', workMs: 10 }, { newEnvironment: true });
  expect(next.status).toBe('ok');
  expect(next.sandbox).not.toBe(stuck.sandbox);
  const grant = (await getLock(stack.admin, lockKey('stuck')))!;
  expect(grant.fence).toBe(dead!.fence + 1);
  // Both clocks are this machine's: the takeover write went out a lease after the last one.
  expect(grant.expiresAt - grant.leaseMs).toBeGreaterThanOrEqual(dead!.expiresAt - dead!.leaseMs + dead!.leaseMs);
}, 30_000);

test('withLock defaults: a run killed mid-handler (OOM) is taken over by a later run in another environment within' +
  ' expiresAt + maxSkewMs + one arrival', async () => {
  const report = stack.lambda('Report');
  let sandbox = 0;
  const victim = report.invoke(
    { workMs: 60_000 },
    {
      onStart: (id) => {
        sandbox = id;
      },
    },
  );
  const held = await stack.heldByFunction('report#nightly', report.fn.logicalId);
  // The lease is capped by the invocation's remaining time (default lease 20 s, timeout 3 s), so
  // expiresAt does not lie beyond the moment the environment would be stopped anyway.
  expect(held.leaseMs).toBeLessThanOrEqual(REPORT_TIMEOUT_S * 1000);
  report.crash(sandbox);
  const crashed = await victim;
  expect(crashed.status).toBe('crashed'); // the kill really happened
  const bound = held.expiresAt + MAX_SKEW_MS;
  type Run = Awaited<ReturnType<typeof report.invoke>>;
  const runs: Run[] = [];
  for (let i = 0; i < 20; i++) {
    const started = Date.now();
    const run = await report.invoke({ workMs: 10 }, { newEnvironment: true });
    runs.push(run);
    expect(run.status).toBe('ok');
    expect(run.sandbox).not.toBe(crashed.sandbox);
    if ((run.result as { ran: boolean }).ran) break;
    // Busy: skipped, with an honest estimate of when the lock comes free (0 when the bound passed
    // while its one write was in flight: retry now).
    const { retryAfterMs } = run.result as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThanOrEqual(0);
    expect(run.invokedAt! + retryAfterMs).toBeLessThanOrEqual(bound + 1 + 5);
    await sleep(Math.max(0, started + ARRIVAL_MS - Date.now()));
  }
  const taken = runs.at(-1)!;
  expect((taken.result as { ran: boolean }).ran).toBe(true);
  const grant = (await getLock(stack.admin, 'report#nightly'))!;
  expect(grant.fence).toBe(held.fence + 1);
  // Never before the bound; and the first run that started after it took the lock.
  expect(grant.expiresAt - grant.leaseMs).toBeGreaterThan(bound);
  expect(runs.slice(0, -1).every((r) => r.invokedAt! <= bound + 1)).toBe(true);
  console.log(
    `withLock defaults, dead environment: taken over ${taken.invokedAt! - held.expiresAt} ms after expiresAt ` +
      `(bound ${MAX_SKEW_MS} ms + one arrival of ${ARRIVAL_MS} ms),` +
      ` ${Date.now() - crashed.startedAt - crashed.durationMs} ms after the kill, ` +
      `${runs.length} arrivals in new environments`,
  );
}, 60_000);

onTheWire(
  'a frozen environment sends nothing between invocations; thawed, it renews nothing of the last one',
  async () => {
    const first = await stack.fn.invoke({ customerId: 'frozen', workMs: 10 });
    proxy.reset();
    await sleep(LEASE_MS + 300); // frozen for longer than a lease
    expect(proxy.log).toEqual([]);
    const second = await stack.fn.invoke({ customerId: 'frozen', workMs: 10 });
    expect(second.sandbox).toBe(first.sandbox);
    expect(proxy.log.filter((l) => l.key === lockKey('frozen')).map((l) => l.op)).toEqual(['UpdateItem', 'UpdateItem']);
  },
  30_000,
);

test('busy: an invocation that cannot get the lock within its time fails with LockBusyError', async () => {
  const holder = await stack.admin.acquire(lockKey('busy'), { leaseMs: 60_000, autoHeartbeat: false });
  const r = await stack.fn.invoke({ customerId: 'busy', workMs: 10 });
  expect(r.status).toBe('error');
  expect(r.error?.errorType).toBe('LockBusyError');
  expect(holder.isValid()).toBe(true);
  await holder.release();
}, 30_000);

test('lost mid-handler: the invocation fails with LockLostError and the stale write is refused', async () => {
  const running = stack.fn.invoke({ customerId: 'stolen', workMs: 1_000, ignoreCancellation: true });
  await sleep(300);
  const current = await getLock(stack.admin, lockKey('stolen'));
  await stack.admin.dynamoDb.send(
    new PutItemCommand({
      TableName: stack.tableName,
      Item: {
        pk: { S: lockKey('stolen') },
        owner: { S: 'thief' },
        rvn: { S: 't' },
        fence: { N: String(current!.fence + 1) },
        leaseMs: { N: '60000' },
        expiresAt: { N: '0' },
        released: { BOOL: false },
      },
    }),
  );
  await stack.admin.dynamoDb.send(
    new PutItemCommand({ TableName: stack.tableName, Item: { pk: { S: 'ledger#stolen' }, lockFence: { N: String(current!.fence + 1) } } }),
  );
  const r = await running;
  expect(r.status).toBe('error');
  expect(['LockLostError', 'StaleFenceError']).toContain(r.error?.errorType);
  expect((await ledger('stolen')).entries).toBe(0);
}, 30_000);
