import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { drainQueue, LocalQueue } from '@ddb-lock/lambda-runner/sqs';
import { describe, expect, test } from '@jest/globals';
import type { KinesisStreamRecord, SQSRecord } from 'aws-lambda';
import { lockedBatchHandler, type RecordLock } from '../../../src/batch/index.js';
import { fencedWrite, type LockClient } from '../../../src/index.js';
import { idOf, kinesisRecord, payloadOf, sqsRecord } from '../../support/batch-events.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { useTestTable } from '../../support/test-table.js';

// Batches of real lock clients (one per "execution environment") contending for the same keys on
// the test server (dynalite, or DynamoDB with DDB_LOCK_TEST_TARGET=aws). Each record does an
// *unfenced* read-modify-write of a per-customer counter, so two holders at once would lose an
// update; every record's run is also logged with its holder and times.

const table = useTestTable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// 5 s: with 2.5 s a batch of ten contended records on a loaded two-core CI machine sometimes
// reached its deadline (records not finished are redelivered and run again), which the
// exactly-once tests here are not about; the deadline path has its own test (a killed batch).
const TIMEOUT_MS = 5_000;
type Body = { c: string; id: string; seq?: number; g?: string };
type Run = {
  env: string;
  key: string;
  id: string;
  fence: number;
  start: number;
  end: number;
  seq?: number;
  group?: string;
  receipt?: string;
};

async function bumpCounter(client: LockClient, customer: string): Promise<void> {
  const Key = { pk: { S: `counter#${customer}` } };
  const { Item } = await client.dynamoDb.send(new GetItemCommand({ TableName: table.tableName, Key, ConsistentRead: true }));
  await sleep(3); // widen the race window: an overlapping holder would read the same count
  await client.dynamoDb.send(
    new PutItemCommand({ TableName: table.tableName, Item: { ...Key, n: { N: String(Number(Item?.n?.N ?? 0) + 1) } } }),
  );
}
async function counter(customer: string): Promise<number> {
  const { Item } = await table.admin.send(
    new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: `counter#${customer}` } }, ConsistentRead: true }),
  );
  return Number(Item?.n?.N ?? 0);
}

/** An environment: its own client and handler; every run goes to `runs`. */
function environment(name: string, runs: Run[], gate?: { key: string; open: Promise<void> }) {
  const client = table.client({ leaseMs: 2_000, heartbeatMs: 500, pollMs: 50 });
  const handler = lockedBatchHandler(
    (r: SQSRecord | KinesisStreamRecord) => `customer#${payloadOf<Body>(r).c}`,
    async (record, lock: RecordLock) => {
      const body = payloadOf<Body>(record);
      const start = Date.now();
      if (gate && lock.key === gate.key) await gate.open;
      await bumpCounter(client, body.c);
      runs.push({
        env: name,
        key: lock.key,
        id: body.id,
        fence: lock.fence,
        start,
        end: Date.now(),
        ...(body.seq !== undefined && { seq: body.seq, group: body.g }),
        ...('receiptHandle' in record && { receipt: record.receiptHandle }),
      });
    },
    { client, deadlineMarginMs: 500 },
  );
  return { client, handler };
}

async function heldBy(client: LockClient, key: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const info = await table.admin.send(new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: key } }, ConsistentRead: true }));
    if (info.Item?.owner?.S === client.ownerName && !info.Item.released?.BOOL) return;
    await sleep(5);
  }
  throw new Error(`${key} never held by ${client.ownerName}`);
}

/** Per key, runs never overlap, and fences never go back. */
function expectOneHolderPerKey(runs: readonly Run[]): void {
  const byKey = new Map<string, Run[]>();
  for (const r of runs) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const list of byKey.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      const [prev, cur] = [list[i - 1]!, list[i]!];
      // Records of one hold run one after another too; a new hold has a larger fence.
      expect(cur.start).toBeGreaterThanOrEqual(prev.end);
      expect(cur.fence).toBeGreaterThanOrEqual(prev.fence);
    }
  }
}

test("SQS: a key another environment holds is reported failed; the holder's item is untouched; the other keys run", async () => {
  const runs: Run[] = [];
  let open!: () => void;
  const a = environment('A', runs, {
    key: 'customer#g1',
    open: new Promise((resolve) => {
      open = resolve;
    }),
  });
  const b = environment('B', runs);
  const batchA = [sqsRecord({ c: 'g1', id: 'a1' }), sqsRecord({ c: 'g2', id: 'a2' }), sqsRecord({ c: 'g1', id: 'a3' })];
  const batchB = [sqsRecord({ c: 'g1', id: 'b1' }), sqsRecord({ c: 'g3', id: 'b2' }), sqsRecord({ c: 'g1', id: 'b3' })];
  const first = a.handler({ Records: batchA }, lambdaContext(20_000));
  await heldBy(a.client, 'customer#g1');
  const second = await b.handler({ Records: batchB }, lambdaContext(20_000));
  expect(second.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([idOf(batchB[0]!), idOf(batchB[2]!)]);
  // B released nothing of g1: A still holds it.
  await heldBy(a.client, 'customer#g1');
  open();
  expect((await first).batchItemFailures).toEqual([]);
  expect(runs.filter((r) => r.env === 'B').map((r) => r.id)).toEqual(['b2']);
  expect(runs.filter((r) => r.key === 'customer#g1').map((r) => r.id)).toEqual(['a1', 'a3']);
  expect(
    await table.admin.send(new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'customer#g1' } }, ConsistentRead: true })),
  ).toMatchObject({ Item: { released: { BOOL: true }, owner: { S: a.client.ownerName } } });
});

test('Kinesis: a key another environment holds cuts the batch there; keys after it were taken and given back, never run', async () => {
  const runs: Run[] = [];
  let open!: () => void;
  const a = environment('A', runs, {
    key: 'customer#k1',
    open: new Promise((resolve) => {
      open = resolve;
    }),
  });
  const b = environment('B', runs);
  const first = a.handler({ Records: [kinesisRecord({ c: 'k1', id: 'a1' })] as never[] }, lambdaContext(20_000));
  await heldBy(a.client, 'customer#k1');
  const shard = [kinesisRecord({ c: 'k0', id: 'b0' }), kinesisRecord({ c: 'k1', id: 'b1' }), kinesisRecord({ c: 'k2', id: 'b2' })];
  const second = await b.handler({ Records: shard as never[] }, lambdaContext(20_000));
  expect(second.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([idOf(shard[1]!), idOf(shard[2]!)]);
  expect(runs.map((r) => r.id)).toEqual(['b0']);
  await heldBy(a.client, 'customer#k1');
  open();
  await first;
  const k2 = await table.admin.send(
    new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'customer#k2' } }, ConsistentRead: true }),
  );
  expect(k2.Item).toMatchObject({ released: { BOOL: true }, owner: { S: b.client.ownerName } });
});

describe.each([
  ['standard', false],
  ['FIFO', true],
])('%s queue drained by four environments contending for five keys', (_name, fifo) => {
  test('never two holders per key, every message processed exactly once, no lost update, FIFO order kept', async () => {
    const runs: Run[] = [];
    // As Lambda requires, the visibility timeout is at least the function timeout, and the batch
    // answers before its deadline: a message is never delivered twice at once.
    const queue = new LocalQueue({ fifo, visibilityTimeoutMs: TIMEOUT_MS, maxReceiveCount: 1_000 });
    const customers = ['c0', 'c1', 'c2', 'c3', 'c4'].map((c) => `${c}-${fifo ? 'fifo' : 'std'}`);
    const sent = new Map<string, number>();
    for (let i = 0; i < 80; i++) {
      const c = customers[(i * 7) % 5 === 0 ? 0 : i % 5]!; // c0 gets more than its share: a hot key
      sent.set(c, (sent.get(c) ?? 0) + 1);
      // FIFO: three message groups per customer, so groups in flight at once contend for its key
      // (with group = key, SQS itself would never hand one key to two environments).
      queue.send({ c, id: `m${i}`, seq: i, g: `${c}/${i % 3}` }, fifo ? { group: `${c}/${i % 3}` } : {});
    }
    const envs = ['E1', 'E2', 'E3', 'E4'].map((name) => environment(name, runs));
    let next = 0;
    const deleted = new Set<string>();
    const stats = await drainQueue(
      queue,
      async (event) => {
        const env = envs[next++ % envs.length]!;
        const result = await env.handler(event, lambdaContext(TIMEOUT_MS));
        for (const r of event.Records)
          if (!result.batchItemFailures.some((f) => f.itemIdentifier === r.messageId)) deleted.add(r.receiptHandle);
        return { status: 'ok', result };
      },
      { batchSize: 10, reportBatchItemFailures: true, concurrency: 4 },
    );
    expect(queue.size).toBe(0);
    expect(queue.deadLetters).toEqual([]);
    // Busy records are never run: each message ran exactly once, in the delivery that deleted it.
    const perId = new Map<string, number>();
    for (const r of runs) perId.set(r.id, (perId.get(r.id) ?? 0) + 1);
    expect(perId.size).toBe(80);
    expect([...perId.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(runs.filter((r) => !deleted.has(r.receipt!))).toEqual([]);
    expect(stats.deleted).toBe(80);
    expectOneHolderPerKey(runs);
    for (const c of customers) expect(await counter(c)).toBe(sent.get(c));
    if (fifo) {
      for (const group of new Set(runs.map((r) => r.group))) {
        const seqs = runs
          .filter((r) => r.group === group)
          .sort((x, y) => x.start - y.start)
          .map((r) => r.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x! - y!));
      }
    }
    const deliveries = [...stats.deliveries.values()];
    console.log(
      `${_name}: ${stats.invocations} invocations, ${deliveries.reduce((s, n) => s + n, 0)} deliveries of 80 messages` +
        ` (max ${Math.max(...deliveries)} per message), ${stats.reportedFailures} reported busy`,
    );
  }, 60_000);
});

const readOnlyRecordLock =
  "a record's lock is a read-only view: no release, heartbeat or client even through `as any`; fencedWrite takes it; the batch releases";
test(readOnlyRecordLock, async () => {
  const client = table.client({ leaseMs: 2_000, heartbeatMs: 500, pollMs: 50 });
  const fences: number[] = [];
  const handler = lockedBatchHandler(
    (r: SQSRecord) => `customer#${payloadOf<Body>(r).c}`,
    async (_record, lock: RecordLock) => {
      const view = lock as unknown as Record<string, unknown>;
      for (const name of ['release', 'heartbeat', 'markLost', 'lock', 'client', 'on'])
        expect({ name, value: view[name] }).toEqual({ name, value: undefined });
      expect(Object.isFrozen(view)).toBe(true);
      expect([lock.owner, lock.isValid()]).toEqual([client.ownerName, true]);
      expect(client.heldLocks[0]?.state).toBe('held');
      fences.push(lock.fence);
      await fencedWrite(lock, { put: { TableName: table.tableName, Item: { pk: { S: 'view-resource' } } } });
    },
    { client },
  );
  const result = await handler(
    { Records: [sqsRecord({ c: 'view', id: 'v1' }), sqsRecord({ c: 'view', id: 'v2' })] },
    lambdaContext(TIMEOUT_MS),
  );
  expect(result.batchItemFailures).toEqual([]);
  expect(fences).toHaveLength(2);
  expect(fences[1]).toBe(fences[0]);
  expect(client.heldLocks).toHaveLength(0);
  expect(
    (await table.admin.send(new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'customer#view' } }, ConsistentRead: true })))
      .Item?.released,
  ).toEqual({ BOOL: true });
  const { Item } = await table.admin.send(
    new GetItemCommand({ TableName: table.tableName, Key: { pk: { S: 'view-resource' } }, ConsistentRead: true }),
  );
  expect(Item?.lockFence).toEqual({ N: String(fences[0]) });
});
