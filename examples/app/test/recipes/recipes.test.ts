import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LockClient, LockConfigurationError } from '@ddb-lock/runtime';
import { ensureTable, getLock } from '@ddb-lock/runtime/admin';
import type { LockedContext } from '@ddb-lock/runtime/middy';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';

// The recipes of docs/guides, run as written against the test server (dynalite, moto, or real
// DynamoDB with DDB_LOCK_TEST_TARGET=aws): each guide's code block marked `<!-- recipe: FILE -->`
// must be FILE's text exactly, and FILE is exercised here.
const onRealDynamoDb = process.env.DDB_LOCK_TEST_TARGET === 'aws';
const endpoint = process.env.DDB_LOCK_TEST_ENDPOINT;
const GUIDES = new URL('../../../../docs/guides/', import.meta.url);
const tableName = `ddb-lock-recipes-${randomUUID().slice(0, 8)}`;
const ddb = () =>
  onRealDynamoDb
    ? new DynamoDBClient({})
    : new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } });
const clients: LockClient[] = [];
/** A client like a separate machine's: its own SDK client and owner. */
const machine = () => {
  const client = new LockClient({ tableName, client: ddb() });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  await ensureTable(new LockClient({ tableName, client: ddb() }));
  // What the deployed functions read: the construct's variable and, locally, the endpoint.
  process.env.DDB_LOCK_TABLE_NAME = tableName;
  if (!onRealDynamoDb) {
    Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'fake' });
    process.env.AWS_SECRET_ACCESS_KEY = 'fake';
  }
}, 30_000);
afterAll(async () => {
  await Promise.allSettled(clients.map((c) => c.close()));
  await ddb().send(new DeleteTableCommand({ TableName: tableName }));
});

test('every recipe block in docs/guides is its file, word for word', () => {
  const marked = readdirSync(GUIDES)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => [...readFileSync(new URL(f, GUIDES), 'utf8').matchAll(/<!-- recipe: (\S+) -->\n```ts\n([\s\S]*?)```\n/g)]);
  expect(marked.map((m) => m[1]).sort()).toEqual([
    'examples/app/test/recipes/cron-once-per-period.ts',
    'examples/app/test/recipes/http-errors.ts',
    'examples/app/test/recipes/local-handler-call.ts',
  ]);
  for (const [, file, block] of marked) {
    expect({ file, block }).toEqual({ file, block: readFileSync(new URL(`../../../../${file}`, import.meta.url), 'utf8') });
  }
});

describe('cron: once per period, not only never twice at once', () => {
  test('machines firing for one minute, one of them late, run the job once; the next minute runs again', async () => {
    const { runOncePerPeriod } = await import('./cron-once-per-period.js');
    const runs: string[] = [];
    const job = (period: string) => async () => {
      runs.push(period);
    };
    const minute = '2026-12-07T03:00';
    const [a, b] = await Promise.all([
      runOncePerPeriod(machine(), 'report', minute, job(minute)),
      runOncePerPeriod(machine(), 'report', minute, job(minute)),
    ]);
    // One ran; the other was busy (they overlapped) or found the minute done (it came after).
    expect([a, b].filter((r) => r === 'ran')).toHaveLength(1);
    expect([a, b].find((r) => r !== 'ran')).toMatch(/^(busy|already done)$/);
    // The late machine: the other run is over, the lock is free — and still it does not run.
    expect(await runOncePerPeriod(machine(), 'report', minute, job(minute))).toBe('already done');
    // A machine so late that the next minute already ran: not its turn either.
    expect(await runOncePerPeriod(machine(), 'report', '2026-12-07T03:01', job('2026-12-07T03:01'))).toBe('ran');
    expect(await runOncePerPeriod(machine(), 'report', minute, job(minute))).toBe('already done');
    expect(runs).toEqual([minute, '2026-12-07T03:01']);
    expect((await getLock(machine(), 'report'))?.data).toBe('2026-12-07T03:01');
  });

  test('a failed job leaves its period undone: a retry in the same minute runs it', async () => {
    const { runOncePerPeriod } = await import('./cron-once-per-period.js');
    const minute = '2026-12-07T04:00';
    const failing = runOncePerPeriod(machine(), 'flaky', minute, async () => {
      throw new Error('downstream 503');
    });
    await expect(failing).rejects.toThrow('downstream 503');
    expect(await runOncePerPeriod(machine(), 'flaky', minute, async () => undefined)).toBe('ran');
  });

  test('while one machine runs the job, another is busy (and does not run it)', async () => {
    const { runOncePerPeriod } = await import('./cron-once-per-period.js');
    let release!: () => void;
    const inside = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const started = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const first = runOncePerPeriod(machine(), 'long', '2026-12-07T05:00', async () => {
      entered();
      await inside;
    });
    await started;
    expect(await runOncePerPeriod(machine(), 'long', '2026-12-07T05:00', async () => undefined)).toBe('busy');
    release();
    expect(await first).toBe('ran');
  });
});

describe('calling a withLock handler locally with a fake context', () => {
  test('it takes the lock, runs, and releases, as in Lambda', async () => {
    const { handler, fakeContext } = await import('./local-handler-call.js');
    const result = await handler({ customerId: '42' }, fakeContext() as LockedContext);
    expect(result).toMatchObject({ customerId: '42', fence: expect.any(Number), owner: expect.stringMatching(/#[0-9a-f]{8}$/) });
    expect(await getLock(machine(), 'customer#42')).toMatchObject({ released: true, fence: result.fence });
  });
});

describe('HTTP answers: 400 for the caller, 500 for configuration, 409 with Retry-After', () => {
  test('a function without DDB_LOCK_TABLE_NAME fails (a 500 from API Gateway), and the recipe puts nothing in a response', async () => {
    const saved = process.env.DDB_LOCK_TABLE_NAME;
    delete process.env.DDB_LOCK_TABLE_NAME;
    try {
      // First in this file to invoke it: the middleware builds its client at the first invocation.
      const { handler } = await import('./http-errors.js');
      const { fakeContext } = await import('./local-handler-call.js');
      const error = await handler({ pathParameters: { orderId: 'o-8' } }, fakeContext()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LockConfigurationError);
      expect((error as Error).message).toMatch(/DDB_LOCK_TABLE_NAME/);
    } finally {
      process.env.DDB_LOCK_TABLE_NAME = saved;
    }
  });

  test('a request without an order id is a 400 naming the missing key', async () => {
    const { handler } = await import('./http-errors.js');
    const { fakeContext } = await import('./local-handler-call.js');
    expect(await handler({}, fakeContext())).toEqual({ statusCode: 400, body: expect.stringMatching(/key must be a non-empty string/) });
  });

  test('a locked order is a 409 with Retry-After in whole seconds, capped by a typical hold', async () => {
    const { handler } = await import('./http-errors.js');
    const { fakeContext } = await import('./local-handler-call.js');
    const holder = await machine().acquire('o-7');
    const answer = await handler({ pathParameters: { orderId: 'o-7' } }, fakeContext());
    expect(answer).toEqual({ statusCode: 409, headers: { 'Retry-After': '2' }, body: 'order is being processed' });
    await holder.release();
    expect(await handler({ pathParameters: { orderId: 'o-7' } }, fakeContext())).toEqual({ statusCode: 200, body: 'order o-7' });
  });
});
