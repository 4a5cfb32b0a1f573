import {
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  type TransactWriteItemsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { LockLostError, LockNotOwnerError, LockValidationError, StaleFenceError } from './errors.js';
import { LOCK_ATTRIBUTES as A } from './item-schema.js';
import { checkKnownKeys } from './validate.js';
import type { Lock } from './lock.js';
import type { LockClient } from './lock-client.js';
import { sendWithDeadline } from './send-with-deadline.js';
import { viewArgs } from './fenced-write.js';
import type { LockView } from '../lock/lock-view.js';

/**
 * Runs the caller's writes in one TransactWriteItems together with a ConditionCheck that the
 * lock item still carries this grant (owner + fence, not released). If anyone took the lock
 * over, the whole transaction is cancelled and nothing is written. Needs a server with
 * transactions: DynamoDB or moto (integration/guarded-transaction runs on moto); dynalite has none.
 *
 * @example
 * ```ts
 * await guardedTransaction(client, lock, [
 *   { Put: { TableName: 'orders', Item: { pk: { S: 'o-1' }, status: { S: 'paid' } } } },
 * ]);
 * ```
 */
export async function guardedTransaction(lock: LockView, items: readonly TransactWriteItem[], options?: { clientRequestToken?: string }): Promise<TransactWriteItemsCommandOutput>;
export async function guardedTransaction(
  client: LockClient, lock: Lock, items: readonly TransactWriteItem[], options?: { clientRequestToken?: string },
): Promise<TransactWriteItemsCommandOutput>;
export async function guardedTransaction(...args: unknown[]): Promise<TransactWriteItemsCommandOutput> {
  // issue-10 middy: a handler's view (context.lock) stands for the middleware's lock and client.
  const [client, lock, items, options = {}] = viewArgs('guardedTransaction', args) as [LockClient, Lock, readonly TransactWriteItem[], { clientRequestToken?: string }?];
  if (!Array.isArray(items) || items.length === 0 || items.length > 99) {
    throw new LockValidationError('guardedTransaction needs 1 to 99 write items (one slot is the lock check)');
  }
  checkKnownKeys('guardedTransaction options', options, ['clientRequestToken']);
  if (lock.state === 'released' || lock.state === 'releasing') throw new LockNotOwnerError(`lock ${lock.key} was released`);
  if (!lock.isValid()) throw new LockLostError(`lock ${lock.key} was lost`, lock.key, 'expired');
  const { tableName, requestTimeoutMs } = client.options;
  const check: TransactWriteItem = {
    ConditionCheck: {
      TableName: tableName,
      Key: client.keyOf(lock),
      ConditionExpression: '#owner = :owner AND #fence = :fence AND #released = :false',
      ExpressionAttributeNames: { '#owner': A.owner, '#fence': A.fence, '#released': A.released },
      ExpressionAttributeValues: { ':owner': { S: lock.owner }, ':fence': { N: String(lock.fence) }, ':false': { BOOL: false } },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
  try {
    return await sendWithDeadline<TransactWriteItemsCommandOutput>(client.dynamoDb, new TransactWriteItemsCommand({
      TransactItems: [check, ...items],
      ...(options.clientRequestToken !== undefined && { ClientRequestToken: options.clientRequestToken }),
    }), requestTimeoutMs, lock.signal);
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      lock.markLost('stolen', error);
      throw new StaleFenceError(`transaction cancelled: lock ${lock.key} is no longer held by this grant`, { cause: error });
    }
    throw error;
  }
}
