import {
  PutItemCommand,
  type PutItemCommandInput,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { fencedWrite, guardedTransaction, LockLostError, StaleFenceError } from '../../../src/index.js';
import { conditionFailed, flush, grantEveryWrite, inputsOf, lockItem, mockedClient, T0, unusedPlaceholders } from '../support.js';

// The fencing requests' shapes (the lock's own are in protocol/request-shapes).
// Why the mock: every test here asserts the exact request shape sent to DynamoDB (expressions,
// placeholders, return-value settings), which a real server only shows indirectly. What servers
// do with these requests is covered by the integration suites, on dynalite and on moto.

afterEach(() => {
  jest.useRealTimers();
});

const FENCE = T0 * 1000 + 1;

describe('fencedWrite', () => {
  it('put: stores our token and adds "stored token ≤ ours" to the caller’s condition', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    mock.on(PutItemCommand).resolves({});
    const lock = await client.acquire('job');
    await fencedWrite(lock, {
      put: {
        TableName: 'accounts',
        Item: { pk: { S: 'acct-1' }, balance: { N: '10' } },
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':v': { N: '3' } },
      },
    });
    const [input] = inputsOf<PutItemCommandInput>(mock, PutItemCommand);
    expect(input).toEqual({
      TableName: 'accounts',
      Item: { pk: { S: 'acct-1' }, balance: { N: '10' }, lockFence: { N: String(FENCE) } },
      ConditionExpression: '(#v = :v) AND (attribute_not_exists(#ddbLockFence) OR #ddbLockFence <= :ddbLockFence)',
      ExpressionAttributeNames: { '#v': 'version', '#ddbLockFence': 'lockFence' },
      ExpressionAttributeValues: { ':v': { N: '3' }, ':ddbLockFence': { N: String(FENCE) } },
    });
    expect(unusedPlaceholders(input!)).toEqual([]);
    await lock.release();
  });

  it('update: adds the token to the SET clause (or a new one) under the custom attribute name', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    mock.resetHistory();
    await fencedWrite(
      lock,
      {
        update: {
          TableName: 'accounts',
          Key: { pk: { S: 'a' } },
          UpdateExpression: 'SET balance = :b',
          ExpressionAttributeValues: { ':b': { N: '1' } },
        },
      },
      { fenceAttributeName: 'writerFence' },
    );
    // A placeholder that spells "set" must not be mistaken for the SET keyword.
    await fencedWrite(lock, {
      update: {
        TableName: 'accounts',
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'ADD #set :tag',
        ExpressionAttributeNames: { '#set': 'tags' },
        ExpressionAttributeValues: { ':tag': { SS: ['x'] } },
      },
    });
    const [first, second] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(first).toEqual({
      TableName: 'accounts',
      Key: { pk: { S: 'a' } },
      UpdateExpression: 'SET #ddbLockFence = :ddbLockFence, balance = :b',
      ConditionExpression: '(attribute_not_exists(#ddbLockFence) OR #ddbLockFence <= :ddbLockFence)',
      ExpressionAttributeNames: { '#ddbLockFence': 'writerFence' },
      ExpressionAttributeValues: { ':b': { N: '1' }, ':ddbLockFence': { N: String(FENCE) } },
    });
    expect(second!.UpdateExpression).toBe('ADD #set :tag SET #ddbLockFence = :ddbLockFence');
    expect(unusedPlaceholders(first!)).toEqual([]);
    expect(unusedPlaceholders(second!)).toEqual([]);
    await lock.release();
  });

  it('turns a failed condition into StaleFenceError', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    mock.on(PutItemCommand).rejects(conditionFailed());
    const lock = await client.acquire('job');
    await expect(fencedWrite(lock, { put: { TableName: 'accounts', Item: { pk: { S: 'a' } } } })).rejects.toBeInstanceOf(StaleFenceError);
    await lock.release();
  });
});

describe('guardedTransaction', () => {
  // Why the mock: the exact shape of the transaction, and a cancellation whose reasons are chosen
  // at will. A server evaluates it in integration/guarded-transaction (moto and DynamoDB; dynalite
  // has no transactions): a superseded holder is cancelled, its items unchanged; the newest commits.
  const write = { Put: { TableName: 'orders', Item: { pk: { S: 'o-1' } } } };
  const other = { Delete: { TableName: 'orders', Key: { pk: { S: 'o-0' } } } };

  it('puts a ConditionCheck on the lock item first, then the caller’s items in order', async () => {
    const { mock, client } = mockedClient({ sortKeyName: 'sk' });
    grantEveryWrite(mock);
    mock.on(TransactWriteItemsCommand).resolves({});
    const lock = await client.acquire('job', { sortKey: 's' });
    await guardedTransaction(lock, [write, other], { clientRequestToken: 'tok-1' });
    const [input] = inputsOf<TransactWriteItemsCommandInput>(mock, TransactWriteItemsCommand);
    expect(input).toEqual({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: 'locks',
            Key: { pk: { S: 'job' }, sk: { S: 's' } },
            ConditionExpression: '#owner = :owner AND #fence = :fence AND #released = :false',
            ExpressionAttributeNames: { '#owner': 'owner', '#fence': 'fence', '#released': 'released' },
            ExpressionAttributeValues: { ':owner': { S: 'me' }, ':fence': { N: String(FENCE) }, ':false': { BOOL: false } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        write,
        other,
      ],
      ClientRequestToken: 'tok-1',
    });
    await lock.release();
  });

  it('a cancelled lock check → StaleFenceError, the lock is lost, its signal aborts and no timer is left', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    mock.on(TransactWriteItemsCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: lockItem({ fence: FENCE + 1 }) }, { Code: 'None' }],
      }),
    );
    const lock = await client.acquire('job');
    const lost = jest.fn();
    lock.on('lost', lost);
    await expect(guardedTransaction(lock, [write])).rejects.toBeInstanceOf(StaleFenceError);
    expect(lock.state).toBe('lost');
    expect(lock.signal.aborted).toBe(true);
    expect(lock.signal.reason).toBeInstanceOf(LockLostError);
    expect(lost).toHaveBeenCalledTimes(1);
    expect(client.heldLocks).toEqual([]);
    await flush();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a cancellation caused by the caller’s own condition leaves the lock held', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const cancelled = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: { httpStatusCode: 400 },
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    mock.on(TransactWriteItemsCommand).rejects(cancelled);
    const lock = await client.acquire('job');
    await expect(guardedTransaction(lock, [write])).rejects.toBe(cancelled);
    expect(lock.state).toBe('held');
    expect(lock.isValid()).toBe(true);
    await lock.release();
  });
});
