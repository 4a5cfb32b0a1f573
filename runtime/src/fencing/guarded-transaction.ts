import {
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { LockValidationError, StaleFenceError } from '../errors.js';
import { lockInternals } from '../lock/lock-internals.js';
import { grantCheck } from '../protocol/grant-check.js';
import { checkKnownKeys } from '../validate.js';
import type { FencedLock } from './fenced-lock.js';

/**
 * Runs the caller's writes in one TransactWriteItems together with a ConditionCheck that the
 * lock item still carries this grant (owner + fence, not released). If anyone took the lock
 * over, the whole transaction is cancelled and nothing is written. Needs a server with
 * transactions: DynamoDB or moto (integration/guarded-transaction runs on moto); dynalite has none.
 *
 * @example
 * ```ts
 * await guardedTransaction(lock, [
 *   { Put: { TableName: 'orders', Item: { pk: { S: 'o-1' }, status: { S: 'paid' } } } },
 * ]);
 * ```
 */
export async function guardedTransaction(
  lock: FencedLock,
  items: readonly TransactWriteItem[],
  options: { clientRequestToken?: string } = {},
): Promise<TransactWriteItemsCommandOutput> {
  const internals = lockInternals(lock);
  if (!Array.isArray(items) || items.length === 0 || items.length > 99) {
    throw new LockValidationError('guardedTransaction needs 1 to 99 write items (one slot is the lock check)');
  }
  checkKnownKeys('guardedTransaction options', options, ['clientRequestToken']);
  internals.assertUsable('run a transaction under');
  const { protocol, grant } = internals;
  try {
    return await protocol.send<TransactWriteItemsCommandOutput>(
      new TransactWriteItemsCommand({
        TransactItems: [grantCheck(protocol.options, grant), ...items],
        ...(options.clientRequestToken !== undefined && { ClientRequestToken: options.clientRequestToken }),
      }),
      lock.signal,
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      internals.markLost('stolen', error);
      throw new StaleFenceError(`transaction cancelled: lock ${lock.key} is no longer held by this grant`, { cause: error });
    }
    throw error;
  }
}
