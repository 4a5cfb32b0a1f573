import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BatchGetItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS, type LocalDynamo, motoSkipReason, startDynalite, startMoto } from '@ddb-lock/local-dynamo';
import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import fc from 'fast-check';
import { loadProtocol } from '../src/runtime-bundle.ts';

// The DynamoDB model must not drift from the servers (issue 24): the same random sequences of the
// lock's own requests (built by runtime/src/protocol: acquires on every kind of grounds, with and
// without the semaphore's size clause, heartbeats, releases that keep or delete, reads, fenced
// writes as puts and updates), with owners, fences and record versions drawn so that
// conditions both hold and fail, go to the model, to dynalite and to moto; every response must be
// the same — success or the error's name, the item returned, and on a failed condition the old
// item wherever the server returns one (moto does, dynalite never does).

const protocol = await loadProtocol();
const table = { tableName: 'locks', partitionKeyName: 'pk', sortKeyName: undefined, ttlRetentionMs: 86_400_000 };
const T0 = Date.UTC(2026, 11, 7);

type Op =
  | {
      kind: 'acquire';
      owner: number;
      observed: boolean;
      reentrant: boolean;
      expired: boolean;
      data: boolean;
      replaceData: boolean;
      /** The semaphore's size clause (a permit's acquire): absent, or N = 1 or 2. */
      permits: number;
    }
  | { kind: 'heartbeat'; owner: number; fenceDelta: number; beat: number }
  | { kind: 'release'; owner: number; fenceDelta: number; deleteItem: boolean }
  | { kind: 'read' }
  | { kind: 'readMany' }
  | { kind: 'transact'; owner: number; fenceDelta: number }
  | { kind: 'fenced'; fenceDelta: number; put: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('acquire' as const),
    owner: fc.integer({ min: 0, max: 1 }),
    observed: fc.boolean(),
    reentrant: fc.boolean(),
    expired: fc.boolean(),
    data: fc.boolean(),
    replaceData: fc.boolean(),
    permits: fc.constantFrom(0, 0, 1, 2),
  }),
  fc.record({
    kind: fc.constant('heartbeat' as const),
    owner: fc.integer({ min: 0, max: 1 }),
    fenceDelta: fc.constantFrom(0, 0, -1),
    beat: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('release' as const),
    owner: fc.integer({ min: 0, max: 1 }),
    fenceDelta: fc.constantFrom(0, 0, -1),
    deleteItem: fc.boolean(),
  }),
  fc.constant({ kind: 'read' as const }),
  fc.constant({ kind: 'readMany' as const }),
  fc.record({ kind: fc.constant('transact' as const), owner: fc.integer({ min: 0, max: 1 }), fenceDelta: fc.constantFrom(0, 0, -1) }),
  fc.record({ kind: fc.constant('fenced' as const), fenceDelta: fc.constantFrom(-1, 0, 0, 1), put: fc.boolean() }),
);

/** The request an op makes, given what the model last returned (so fences and versions can match). */
function request(o: Op, step: number, seen: { fence: number; rvn: string }): { command: object; operation: string } {
  const wallNow = T0 + step * 1_000;
  const owner = `owner-${'owner' in o ? o.owner : 0}`;
  const grant = { key: 'job', owner, fence: seen.fence + ('fenceDelta' in o ? o.fenceDelta : 0) };
  switch (o.kind) {
    case 'acquire': {
      const attempt = {
        owner,
        recordVersion: `rvn-${step}`,
        leaseMs: 2_000,
        replaceData: o.replaceData,
        ...(o.data && { data: `data-${step}` }),
        ...(o.observed && { observedRecordVersion: seen.rvn }),
        ...(o.reentrant && { reentrant: true }),
        ...(o.expired && { expiredBefore: wallNow - 500 }),
        ...(o.permits > 0 && { permits: o.permits }),
      };
      return { operation: 'UpdateItem', command: new UpdateItemCommand(protocol.acquireRequest(table, { key: 'job' }, attempt, wallNow)) };
    }
    case 'heartbeat':
      return {
        operation: 'UpdateItem',
        command: new UpdateItemCommand(
          protocol.heartbeatRequest(table, grant, { beat: o.beat, recordVersion: `rvn-${step}`, leaseMs: 2_000, data: undefined }, wallNow),
        ),
      };
    case 'release': {
      const r = protocol.releaseRequest(table, grant, { deleteItem: o.deleteItem }, wallNow);
      return 'delete' in r
        ? { operation: 'DeleteItem', command: new DeleteItemCommand(r.delete) }
        : { operation: 'UpdateItem', command: new UpdateItemCommand(r.update) };
    }
    case 'read':
      return { operation: 'GetItem', command: new GetItemCommand(protocol.readRequest(table, { key: 'job' })) };
    case 'readMany':
      // The semaphore's one read of all its permits: one present item, one absent.
      return {
        operation: 'BatchGetItem',
        command: new BatchGetItemCommand(protocol.readManyRequest(table, [{ key: 'job' }, { key: 'absent' }])),
      };
    case 'fenced': {
      // fencedWrite's guard on a resource item, as a put or an update, with the lock's fence or one off it.
      const fence = seen.fence + o.fenceDelta;
      const item = { pk: { S: 'resource' }, writer: { S: `w-${step}` } };
      const update = {
        TableName: 'locks',
        Key: { pk: { S: 'resource' } },
        UpdateExpression: 'SET #w = :w',
        ExpressionAttributeNames: { '#w': 'writer' },
        ExpressionAttributeValues: { ':w': { S: `w-${step}` } },
      };
      const r = protocol.fencedWriteRequest(o.put ? { put: { TableName: 'locks', Item: item } } : { update }, fence, 'lockFence');
      return 'put' in r
        ? { operation: 'PutItem', command: new PutItemCommand(r.put) }
        : { operation: 'UpdateItem', command: new UpdateItemCommand(r.update) };
    }
    case 'transact': {
      // guardedTransaction's shape: the grant's ConditionCheck, then the caller's write.
      const write = { Put: { TableName: 'locks', Item: { pk: { S: 'orders' }, step: { N: String(step) } } } };
      return {
        operation: 'TransactWriteItems',
        command: new TransactWriteItemsCommand({ TransactItems: [protocol.grantCheck(table, grant), write] }),
      };
    }
  }
}

/** A response reduced to what is compared: outcome, item returned, old item on a failed condition. */
function outcome(result: PromiseSettledResult<unknown>) {
  if (result.status === 'fulfilled') {
    const out = result.value as { Attributes?: unknown; Item?: unknown; Responses?: Record<string, unknown[]>; UnprocessedKeys?: object };
    // A batch answers in no particular order: compared as a set (one present item at most here).
    if (out.Responses) return { ok: true, items: out.Responses, unprocessed: Object.keys(out.UnprocessedKeys ?? {}).length };
    return { ok: true, item: out.Attributes ?? out.Item ?? null };
  }
  const error = result.reason as { name: string; Item?: unknown; CancellationReasons?: { Code?: string; Item?: unknown }[] };
  const reasons = error.CancellationReasons?.map((r) => ({ code: r.Code, item: r.Item ?? null }));
  return { ok: false, error: error.name, old: error.Item ?? null, ...(reasons && { reasons }) };
}

async function server(local: LocalDynamo): Promise<DynamoDBClient> {
  const ddb = new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  await ddb.send(
    new CreateTableCommand({
      TableName: 'locks',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    }),
  );
  return ddb;
}

const motoSkip = motoSkipReason() ?? false;

for (const name of ['dynalite', 'moto'] as const) {
  test(`the DynamoDB model answers the lock's requests as ${name} does`, { skip: name === 'moto' ? motoSkip : false }, async () => {
    const local = name === 'dynalite' ? await startDynalite() : await startMoto();
    const ddb = await server(local);
    let compared = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
          const model = new MemoryDynamoClient();
          model.model.createTable('locks', { partitionKeyName: 'pk' });
          await ddb.send(new DeleteItemCommand({ TableName: 'locks', Key: { pk: { S: 'job' } } }));
          await ddb.send(new DeleteItemCommand({ TableName: 'locks', Key: { pk: { S: 'resource' } } }));
          const seen = { fence: 0, rvn: 'none' };
          for (const [step, o] of ops.entries()) {
            // dynalite has no transactions (docs/server-differences.md): moto and the model only.
            if (o.kind === 'transact' && name === 'dynalite') continue;
            const { command } = request(o, step, seen);
            const [mine, theirs] = await Promise.allSettled([model.send(command as never), ddb.send(command as never)]).then((r) =>
              r.map(outcome),
            );
            // dynalite never returns the old item on a failed condition; where a server does, it must be the model's.
            if (name === 'dynalite' && !mine!.ok) (mine as { old: unknown }).old = (theirs as { old: unknown }).old;
            assert.deepEqual(theirs, mine, `${name}, step ${step}: ${JSON.stringify(o)}`);
            compared++;
            const item = (mine!.ok ? mine!.item : (mine as { old: unknown }).old) as { fence?: { N: string }; rvn?: { S: string } } | null;
            if (item?.fence) seen.fence = Number(item.fence.N);
            if (item?.rvn) seen.rvn = item.rvn.S!;
          }
        }),
        { seed: 24, numRuns: 40 },
      );
    } finally {
      ddb.destroy();
      await local.stop();
    }
    process.stdout.write(`# ${compared} responses compared with ${name}\n`);
    assert.ok(compared > 200);
  });
}
