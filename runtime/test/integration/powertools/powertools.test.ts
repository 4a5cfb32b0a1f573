import { createSocket, type Socket } from 'node:dgram';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import middy from '@middy/core';
import { getLock } from '../../../src/admin/index.js';
import { type LockBusyError, type LockClient, LockDeadlineError, LockLostError } from '../../../src/index.js';
import { type LockedContext, withLock } from '../../../src/middy/index.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { createTestTable } from '../../support/test-table.js';

// The real Powertools Logger, Metrics and Tracer (and their middy middlewares) around withLock, on
// the test server. Their output is read where Lambda would read it: EMF and log lines on stdout,
// X-Ray segments as UDP datagrams to the daemon address (a socket on 127.0.0.1 here).

let daemon: Socket;
// biome-ignore lint/suspicious/noExplicitAny: X-Ray segments and EMF blobs are parsed JSON that the assertions navigate freely
type Json = Record<string, any>;
const segments: Array<Json> = [];
// The X-Ray SDK reads its Lambda mode and daemon address when it is first imported.
beforeAll(async () => {
  daemon = createSocket('udp4');
  daemon.on('message', (msg) => {
    const body = msg.toString('utf8').split('\n')[1];
    if (body) segments.push(JSON.parse(body) as Json);
  });
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    LAMBDA_TASK_ROOT: '/var/task',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    _HANDLER: 'index.handler',
    _X_AMZN_TRACE_ID: 'Root=1-6756f0a0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    POWERTOOLS_SERVICE_NAME: 'billing',
    POWERTOOLS_METRICS_NAMESPACE: 'ddb-lock-test',
  });
  table = await createTestTable();
});
afterAll(async () => {
  daemon.close();
  await table.dispose();
});

let table: Awaited<ReturnType<typeof createTestTable>>;
let stdout: string[] = [];
beforeEach(() => {
  stdout = [];
  // Powertools' Logger writes warn and error lines to stderr, the rest and EMF to stdout.
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      stdout.push(String(chunk));
      return typeof rest.at(-1) === 'function' ? write('', rest.at(-1) as () => void) : true;
    }) as typeof stream.write);
  }
});
afterEach(() => {
  jest.restoreAllMocks();
});

const lines = () =>
  stdout
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Json);
/** EMF blobs: one metric each (singleMetric), with its unit and dimensions. */
const emf = () =>
  lines()
    .filter((l) => l._aws?.CloudWatchMetrics)
    .flatMap((l) =>
      (l._aws.CloudWatchMetrics[0].Metrics as Array<{ Name: string; Unit: string }>).map((m) => ({
        name: m.Name,
        unit: m.Unit,
        value: l[m.Name] as number,
        dimensions: l._aws.CloudWatchMetrics[0].Dimensions[0] as string[],
        lockName: l.lockName as string | undefined,
        namespace: l._aws.CloudWatchMetrics[0].Namespace,
      })),
    );
const logs = () => lines().filter((l) => l.level !== undefined);
const flushUdp = () => new Promise((r) => setTimeout(r, 100));

async function powertools() {
  // One at a time: Jest's ESM loader races on concurrent dynamic imports of shared modules.
  const { Logger } = await import('@aws-lambda-powertools/logger');
  const { Metrics } = await import('@aws-lambda-powertools/metrics');
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  const { injectLambdaContext } = await import('@aws-lambda-powertools/logger/middleware');
  const { logMetrics } = await import('@aws-lambda-powertools/metrics/middleware');
  const { captureLambdaHandler } = await import('@aws-lambda-powertools/tracer/middleware');
  const { powertoolsObserver } = await import('../../../src/powertools/index.js');
  const logger = new Logger();
  const metrics = new Metrics();
  const tracer = new Tracer();
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 200, observers: [powertoolsObserver({ logger, metrics, tracer })] });
  type Event = { customerId: string; workMs?: number; steal?: boolean };
  const handler = middy(async (event: Event, context: LockedContext) => {
    logger.info('working', { during: true });
    if (event.steal) await steal(client, context.lock.key, context.lock.fence);
    await new Promise((r) => setTimeout(r, event.workMs ?? 10));
    if (!context.lock.isValid()) throw context.lock.signal.reason;
    return 'done';
  })
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use({
      before: () => {
        metrics.addMetric('RequestSeen', 'Count', 1);
      },
    })
    .use(
      withLock((e: Event) => `customer#${e.customerId}`, {
        client,
        whenBusy: (error: LockBusyError) => `busy for ${error.retryAfterMs} ms`,
      }),
    );
  return { handler, client, logger };
}

/** Someone else takes the lock (a newer fence) while the handler runs. */
async function steal(client: LockClient, key: string, fence: number) {
  await client.dynamoDb.send(
    new PutItemCommand({
      TableName: table.tableName,
      Item: {
        pk: { S: key },
        owner: { S: 'thief' },
        rvn: { S: 't' },
        fence: { N: String(fence + 1) },
        leaseMs: { N: '60000' },
        expiresAt: { N: '0' },
        released: { BOOL: false },
      },
    }),
  );
}

describe('withLock in a Powertools chain', () => {
  const successMetricsAndLogs =
    'success: wait and held metrics with a lockName dimension, lock keys in the logs only during the hold, an acquire subsegment';
  test(successMetricsAndLogs, async () => {
    const { handler, logger } = await powertools();
    expect(await handler({ customerId: 'ok' }, lambdaContext(10_000))).toBe('done');
    logger.info('after the invocation');
    await flushUdp();
    const metrics = emf();
    expect(metrics.find((m) => m.name === 'LockAcquireWait')).toMatchObject({
      unit: 'Milliseconds',
      lockName: 'customer',
      namespace: 'ddb-lock-test',
      dimensions: expect.arrayContaining(['service', 'lockName']),
    });
    expect(metrics.find((m) => m.name === 'LockHeld')?.value).toBeGreaterThanOrEqual(10);
    expect(metrics.find((m) => m.name === 'RequestSeen')).toMatchObject({ value: 1 });
    const working = logs().find((l) => l.message === 'working');
    expect(working).toMatchObject({ lockKey: 'customer#ok', owner: expect.any(String), fence: expect.any(Number) });
    const after = logs().find((l) => l.message === 'after the invocation');
    expect(after).toBeDefined();
    expect(after).not.toHaveProperty('lockKey');
    const acquire = segments.find((s) => s.name === '### ddb-lock acquire' && s.annotations?.lockOutcome === 'acquired');
    expect(acquire?.annotations).toMatchObject({
      lockName: 'customer',
      lockContended: false,
      lockTakeover: expect.any(String),
      lockFence: working!.fence,
    });
    expect(segments.some((s) => s.name === '## index.handler')).toBe(true);
  });

  test('busy: the early response still flushes the stored metrics and closes the handler segment', async () => {
    const { handler } = await powertools();
    const holder = table.client({ leaseMs: 30_000, heartbeatMs: 5_000 });
    const lock = await holder.acquire('customer#busy');
    segments.length = 0;
    expect(await handler({ customerId: 'busy' }, lambdaContext(10_000))).toMatch(/^busy for \d+ ms$/);
    await flushUdp();
    const metrics = emf();
    expect(metrics.find((m) => m.name === 'LockBusy')).toMatchObject({ unit: 'Count', value: 1, lockName: 'customer' });
    // Stored by a middleware before withLock; only logMetrics' cleanup publishes it on an early return.
    expect(metrics.find((m) => m.name === 'RequestSeen')).toMatchObject({ value: 1 });
    expect(segments.find((s) => s.name === '## index.handler')?.end_time).toBeDefined();
    expect(segments.find((s) => s.name === '### ddb-lock acquire')?.annotations).toMatchObject({ lockOutcome: 'busy' });
    await lock.release();
  });

  test('loss: the invocation fails with LockLostError; LockLost, an error log with the reason, keys removed', async () => {
    const { handler, logger } = await powertools();
    await expect(handler({ customerId: 'stolen', steal: true, workMs: 600 }, lambdaContext(10_000))).rejects.toBeInstanceOf(LockLostError);
    logger.info('after the loss');
    expect(emf().find((m) => m.name === 'LockLost')).toMatchObject({ value: 1, lockName: 'customer' });
    expect(logs().find((l) => l.message === 'ddb-lock: lock lost')).toMatchObject({
      level: 'ERROR',
      lockKey: 'customer#stolen',
      reason: 'stolen',
    });
    expect(logs().find((l) => l.message === 'after the loss')).not.toHaveProperty('lockKey');
  });

  test('deadline: LockDeadlineError at remaining time − margin; the lock is released and its hold measured', async () => {
    const { handler } = await powertools();
    await expect(handler({ customerId: 'late', workMs: 3_000 }, lambdaContext(2_500))).rejects.toBeInstanceOf(LockDeadlineError);
    expect(emf().find((m) => m.name === 'LockHeld')).toMatchObject({ unit: 'Milliseconds', lockName: 'customer' });
    expect(emf().find((m) => m.name === 'LockHeld')!.value).toBeLessThan(2_500);
    expect((await getLock(table.client(), 'customer#late'))?.released).toBe(true);
  });
});

test('a takeover is counted: LockTakeover and LockContended', async () => {
  const { powertoolsObserver } = await import('../../../src/powertools/index.js');
  const { Metrics } = await import('@aws-lambda-powertools/metrics');
  const dead = table.client({ leaseMs: 800, heartbeatMs: 200 });
  await dead.acquire('report/nightly', { autoHeartbeat: false });
  const waiter = table.client({ leaseMs: 800, heartbeatMs: 200, pollMs: 100, observers: [powertoolsObserver({ metrics: new Metrics() })] });
  const lock = await waiter.acquire('report/nightly', { waitMs: 3_000 });
  expect(
    emf()
      .filter((m) => ['LockTakeover', 'LockContended'].includes(m.name))
      .map((m) => [m.name, m.value, m.lockName]),
  ).toEqual([
    ['LockContended', 1, 'report'],
    ['LockTakeover', 1, 'report'],
  ]);
  await lock.release();
});

test('semaphore permits: metrics are named by the semaphore, and SemaphorePermitsHeld follows every grant and release', async () => {
  const { Metrics } = await import('@aws-lambda-powertools/metrics');
  const { powertoolsObserver } = await import('../../../src/powertools/index.js');
  const { Semaphore } = await import('../../../src/semaphore/index.js');
  const client = table.client({ leaseMs: 5_000, heartbeatMs: 1_000, observers: [powertoolsObserver({ metrics: new Metrics() })] });
  const semaphore = new Semaphore(client, 'exports/nightly', { permits: 3 });
  const a = await semaphore.acquire();
  const b = await semaphore.acquire();
  await a.release();
  await b.release();
  const gauge = lines()
    .filter((l) => l._aws?.CloudWatchMetrics?.[0].Metrics[0].Name === 'SemaphorePermitsHeld')
    // Powertools adds its default `service` dimension to every blob.
    .map((l) => [l.semaphore, l.SemaphorePermitsHeld, (l._aws.CloudWatchMetrics[0].Dimensions[0] as string[]).includes('semaphore')]);
  expect(gauge).toEqual([
    ['exports/nightly', 1, true],
    ['exports/nightly', 2, true],
    ['exports/nightly', 1, true],
    ['exports/nightly', 0, true],
  ]);
  expect(
    new Set(
      emf()
        .filter((m) => m.name === 'LockHeld')
        .map((m) => m.lockName),
    ),
  ).toEqual(new Set(['exports/nightly']));
});
