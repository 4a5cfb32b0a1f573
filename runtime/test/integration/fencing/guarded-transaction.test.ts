import { GetItemCommand, PutItemCommand, type TransactWriteItem, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, test } from '@jest/globals';
import middy from '@middy/core';
import { guardedTransaction, LockLostError, StaleFenceError } from '../../../src/index.js';
import { type LockedContext, withLock } from '../../../src/middy/index.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { serverHas, testServer } from '../../support/test-server.js';
import { useTestTable } from '../../support/test-table.js';

// guardedTransaction evaluated by a server (moto, real DynamoDB). dynalite has no
// TransactWriteItems (docs/server-differences.md, row "TransactWriteItems"), so there this file
// is skipped; the exact request shape stays in unit/request-shapes.
const onServersWithTransactions = serverHas.transactions ? describe : describe.skip;

onServersWithTransactions(`guardedTransaction on ${testServer}`, () => {
  const table = useTestTable();

  // The user's items live in the lock table under their own keys: one table keeps the test's
  // set-up to what createTestTable already does, and the transaction does not care.
  const order = (id: string) => ({ pk: { S: `order#${id}` } });
  const pay = (id: string, by: string): TransactWriteItem[] => [
    { Put: { TableName: table.tableName, Item: { ...order(id), status: { S: 'paid' }, by: { S: by } } } },
    {
      Update: {
        TableName: table.tableName,
        Key: order(`${id}-ledger`),
        UpdateExpression: 'ADD #n :one',
        ExpressionAttributeNames: { '#n': 'entries' },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    },
  ];
  const read = async (key: Record<string, { S: string }>) =>
    (await table.admin.send(new GetItemCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;

  test('a superseded holder is cancelled with StaleFenceError and the user items are unchanged; the newest holder commits', async () => {
    const key = 'tx-superseded';
    const oldClient = table.client({ leaseMs: 60_000 });
    const old = await oldClient.acquire(key, { autoHeartbeat: false });
    await table.admin.send(new PutItemCommand({ TableName: table.tableName, Item: { ...order('o1'), status: { S: 'new' } } }));
    // The old holder's wall clock was behind (its expiresAt lies in the past), so a fast-mode
    // client takes the lock over for real, while the old holder still believes it is valid: the
    // case only the fence can catch.
    await table.admin.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: key } },
        UpdateExpression: 'SET #e = :past',
        ExpressionAttributeNames: { '#e': 'expiresAt' },
        ExpressionAttributeValues: { ':past': { N: String(Date.now() - 600_000) } },
      }),
    );
    const successorClient = table.client({ leaseMs: 60_000, trustWallClock: { maxSkewMs: 1_000 } });
    const successor = await successorClient.acquire(key, { waitMs: 0 });
    expect(successor.fence).toBeGreaterThan(old.fence);
    expect(old.isValid()).toBe(true);

    await expect(guardedTransaction(old, pay('o1', 'old'))).rejects.toBeInstanceOf(StaleFenceError);
    expect(await read(order('o1'))).toEqual({ ...order('o1'), status: { S: 'new' } });
    expect(await read(order('o1-ledger'))).toBeUndefined();
    expect(old.state).toBe('lost');
    expect(old.signal.aborted).toBe(true);

    await guardedTransaction(successor, pay('o1', 'successor'));
    expect(await read(order('o1'))).toEqual({ ...order('o1'), status: { S: 'paid' }, by: { S: 'successor' } });
    expect(await read(order('o1-ledger'))).toEqual({ ...order('o1-ledger'), entries: { N: '1' } });
    expect(successor.isValid()).toBe(true);
    await successor.release();
  });

  test('after a release the transaction is refused before any request; a released-then-reacquired grant is a new fence', async () => {
    const client = table.client({ leaseMs: 60_000 });
    const first = await client.acquire('tx-release');
    await first.release();
    await expect(guardedTransaction(first, pay('o2', 'first'))).rejects.toThrow(/released/);
    const second = await client.acquire('tx-release');
    await guardedTransaction(second, pay('o2', 'second'));
    expect(await read(order('o2'))).toMatchObject({ by: { S: 'second' } });
    await second.release();
  });

  const withLockGuardedTransaction =
    "a withLock handler's context.lock commits a guarded transaction; a superseded invocation's is cancelled and reported lost";
  test(withLockGuardedTransaction, async () => {
    const client = table.client({ leaseMs: 60_000 });
    const handler = middy(async (event: { id: string; steal?: boolean }, context: LockedContext) => {
      if (event.steal) {
        // A successor took the lock over (the fence check fails), while this invocation still thinks it holds it.
        await table.admin.send(
          new UpdateItemCommand({
            TableName: table.tableName,
            Key: { pk: { S: `tx-view-${event.id}` } },
            UpdateExpression: 'SET #o = :thief, #f = #f + :one',
            ExpressionAttributeNames: { '#o': 'owner', '#f': 'fence' },
            ExpressionAttributeValues: { ':thief': { S: 'thief' }, ':one': { N: '1' } },
          }),
        );
      }
      await guardedTransaction(context.lock, pay(event.id, 'view'));
      return 'paid';
    }).use(withLock((event: { id: string }) => `tx-view-${event.id}`, { client }));
    expect(await handler({ id: 'o3' }, lambdaContext(30_000) as never)).toBe('paid');
    expect(await read(order('o3'))).toMatchObject({ status: { S: 'paid' }, by: { S: 'view' } });
    // The stale transaction is cancelled; the middleware reports the loss (whenLost: 'fail').
    await expect(handler({ id: 'o4', steal: true }, lambdaContext(30_000) as never)).rejects.toBeInstanceOf(LockLostError);
    expect(await read(order('o4'))).toBeUndefined();
    expect(client.heldLocks).toHaveLength(0);
  });
});
