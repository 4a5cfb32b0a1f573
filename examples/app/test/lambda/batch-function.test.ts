import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  drainQueue,
  type LocalLambda,
  LocalQueue,
  readSqsEventSource,
  startLocalStack,
  synthesizeExampleApp,
} from '@ddb-lock/lambda-runner';
import { afterAll, beforeAll, expect, test } from '@jest/globals';

// The example app's SQS-triggered batch worker (lockedBatchHandler), its real bundle in
// Lambda-like environments, fed by an emulated event source mapping built from the template
// (batch size, ReportBatchItemFailures, the queue's visibility timeout and maxReceiveCount),
// until the queue is empty. One environment is killed (SIGKILL) in the middle of a batch.

const TIMEOUT_S = 4;
const LEASE_MS = 1_500;
const CUSTOMERS = ['alice', 'bob', 'carol', 'dave'];
let stack: Awaited<ReturnType<typeof startLocalStack>>;
let batchFn: LocalLambda;
let esm: ReturnType<typeof readSqsEventSource>;

beforeAll(async () => {
  const assembly = await synthesizeExampleApp(`lambda-batch-test-${process.pid}`, {
    'ddbLock:batchTimeoutSeconds': String(TIMEOUT_S),
    // Lambda needs visibility ≥ the function timeout; the one-to-one minimum keeps the loop short.
    'ddbLock:queueVisibilitySeconds': String(TIMEOUT_S),
    'ddbLock:maxReceiveCount': '20',
    'ddbLock:leaseMs': String(LEASE_MS),
  });
  stack = await startLocalStack(
    assembly,
    'DdbLockExample',
    process.env.DDB_LOCK_TEST_TARGET === 'aws' ? undefined : process.env.DDB_LOCK_TEST_ENDPOINT!,
  );
  batchFn = stack.lambda('BatchWorker');
  esm = readSqsEventSource(assembly, { stack: 'DdbLockExample', functionPrefix: 'BatchWorker' });
}, 120_000);
afterAll(async () => {
  await stack?.close();
});

type Run = { orderId: string; messageId: string; fence: number; startedAt: number; endedAt: number; env: string };

async function runsOf(customer: string): Promise<Run[]> {
  const { Item } = await stack.admin.dynamoDb.send(
    new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: `orders#${customer}` } }, ConsistentRead: true }),
  );
  return (Item?.runs?.L ?? []).map(({ M }) => ({
    orderId: M!.orderId!.S!,
    messageId: M!.messageId!.S!,
    fence: Number(M!.fence!.N),
    startedAt: Number(M!.startedAt!.N),
    endedAt: Number(M!.endedAt!.N),
    env: M!.env!.S!,
  }));
}

test('the template drives the mapping: batch size 10, ReportBatchItemFailures, visibility and redrive from the queue', () => {
  expect(esm).toEqual({
    batchSize: 10,
    reportBatchItemFailures: true,
    queue: { logicalId: expect.stringMatching(/^Orders/), fifo: false, visibilityTimeoutMs: TIMEOUT_S * 1000, maxReceiveCount: 20 },
  });
  expect(batchFn.fn.timeoutMs).toBe(TIMEOUT_S * 1000);
});

test('redelivery loop until the queue is empty, one environment killed mid-batch: one holder per customer at a time,' +
  ' each order done, duplicates only from the killed batch', async () => {
  const queue = new LocalQueue({
    visibilityTimeoutMs: esm.queue.visibilityTimeoutMs,
    ...(esm.queue.maxReceiveCount !== undefined && { maxReceiveCount: esm.queue.maxReceiveCount }),
  });
  const orders = new Map<string, string>(); // messageId → customer
  for (let i = 0; i < 48; i++) {
    const customerId = CUSTOMERS[i % CUSTOMERS.length]!;
    orders.set(queue.send({ customerId, orderId: `o${i}`, workMs: 40 }), customerId);
  }
  // The victim: a long order of its own customer, so the environment that gets it is surely mid-batch
  // (holding customer#victim, the order's sleep running) when it is killed.
  const victimId = queue.send({ customerId: 'victim', orderId: 'v1', workMs: 2_000 });
  orders.set(victimId, 'victim');
  let killed: { sandbox: number; messageIds: string[]; status?: string } | undefined;
  const stats = await drainQueue(
    queue,
    async (event) => {
      const hasVictim = event.Records.some((r) => r.messageId === victimId);
      if (!hasVictim || killed) return batchFn.invoke(event);
      let sandbox = 0;
      const running = batchFn.invoke(event, {
        onStart: (id) => {
          sandbox = id;
        },
      });
      await stack.heldByFunction('customer#victim', batchFn.fn.logicalId);
      killed = { sandbox, messageIds: event.Records.map((r) => r.messageId) };
      batchFn.crash(sandbox);
      const ended = await running;
      killed.status = ended.status;
      return ended;
    },
    { batchSize: esm.batchSize, reportBatchItemFailures: esm.reportBatchItemFailures, concurrency: 3, maxMs: 150_000 },
  );

  // The kill happened, mid-batch: the environment's process died with the invocation in flight.
  expect(killed?.status).toBe('crashed');
  expect(stats.failedInvocations).toBe(1);
  expect(queue.size).toBe(0);
  expect(queue.deadLetters).toEqual([]);

  const runs = (await Promise.all([...CUSTOMERS, 'victim'].map(async (c) => (await runsOf(c)).map((r) => ({ ...r, customer: c }))))).flat();
  // Every order ran; an order ran twice only if it was in the killed delivery (done before the kill, delivered again).
  const perMessage = new Map<string, number>();
  for (const r of runs) perMessage.set(r.messageId, (perMessage.get(r.messageId) ?? 0) + 1);
  expect([...orders.keys()].filter((id) => !perMessage.has(id))).toEqual([]);
  const twice = [...perMessage].filter(([, n]) => n > 1).map(([id]) => id);
  expect(twice.filter((id) => !killed!.messageIds.includes(id))).toEqual([]);
  // One holder per customer at a time: runs never overlap; another environment's hold has a larger fence.
  for (const c of [...CUSTOMERS, 'victim']) {
    const list = runs.filter((r) => r.customer === c).sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < list.length; i++) {
      expect(list[i]!.startedAt).toBeGreaterThanOrEqual(list[i - 1]!.endedAt);
      expect(list[i]!.fence).toBeGreaterThanOrEqual(list[i - 1]!.fence);
      if (list[i]!.env !== list[i - 1]!.env) expect(list[i]!.fence).toBeGreaterThan(list[i - 1]!.fence);
    }
  }
  const deliveries = [...stats.deliveries.values()];
  const summary = {
    messages: orders.size,
    invocations: stats.invocations,
    environments: batchFn.coldStarts,
    deliveries: deliveries.reduce((s, n) => s + n, 0),
    redeliveries: deliveries.reduce((s, n) => s + n - 1, 0),
    maxDeliveriesPerMessage: Math.max(...deliveries),
    reportedFailures: stats.reportedFailures,
    killedBatch: killed!.messageIds.length,
    ranTwice: twice.length,
  };
  console.log(`batch worker redelivery loop: ${JSON.stringify(summary)}`);
  // The killed batch came back whole, so at least its messages were delivered twice.
  expect(summary.redeliveries).toBeGreaterThanOrEqual(killed!.messageIds.length);
}, 180_000);
