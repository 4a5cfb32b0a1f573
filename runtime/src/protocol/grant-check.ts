import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { grantCondition } from './grant-condition.js';
import type { HeldGrant } from './held-grant.js';
import { keyOf } from './lock-key.js';
import type { LockTable } from './lock-table.js';

/**
 * The guarded transaction's first item: a ConditionCheck that the lock item still carries this
 * grant (owner and fence, not released). If anyone took the lock over, the whole transaction is
 * cancelled.
 *
 * @example
 * ```ts
 * await ddb.send(new TransactWriteItemsCommand({ TransactItems: [grantCheck(table, grant), ...writes] }));
 * ```
 */
export function grantCheck(table: LockTable, grant: HeldGrant): TransactWriteItem {
  const held = grantCondition(grant, { notReleased: true });
  return {
    ConditionCheck: {
      TableName: table.tableName,
      Key: keyOf(table, grant),
      ConditionExpression: held.expression,
      ExpressionAttributeNames: held.names,
      ExpressionAttributeValues: held.values,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}
