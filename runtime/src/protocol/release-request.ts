import type { DeleteItemCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { dataValue } from './data-value.js';
import { grantCondition } from './grant-condition.js';
import type { HeldGrant } from './held-grant.js';
import { LOCK_ATTRIBUTES as A, LOCK_ITEM_SCHEMA } from './item-schema.js';
import { keyOf } from './lock-key.js';
import type { LockTable } from './lock-table.js';
import { queueEmpty } from './queue-condition.js';
import { ttlSeconds } from './ttl-seconds.js';

/**
 * How a grant is released: marked released (the item stays, so the fence survives; optionally
 * with data left for the next holder) or deleted.
 *
 * @example
 * ```ts
 * const how: Release = { deleteItem: false, data: 'done' };
 * ```
 */
export interface Release {
  readonly deleteItem: boolean;
  readonly data?: string | Uint8Array;
}

/**
 * The release request: a DeleteItem or an UpdateItem that marks the item released, either one
 * only while the item still carries our owner and fence — so it never touches a successor's grant.
 * A delete also needs an empty waiter queue (deleting the item would drop the waiters' places);
 * with waiters, the caller releases in keep mode instead.
 *
 * @example
 * ```ts
 * const request = releaseRequest(table, grant, { deleteItem: false }, Date.now());
 * await ddb.send('delete' in request ? new DeleteItemCommand(request.delete) : new UpdateItemCommand(request.update));
 * ```
 */
export function releaseRequest(
  table: LockTable,
  grant: HeldGrant,
  release: Release,
  wallNow: number,
): { readonly delete: DeleteItemCommandInput } | { readonly update: UpdateItemCommandInput } {
  const held = grantCondition(grant, { notReleased: false });
  const common = {
    TableName: table.tableName,
    Key: keyOf(table, grant),
    ConditionExpression: held.expression,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
  if (release.deleteItem) {
    const empty = queueEmpty();
    return {
      delete: {
        ...common,
        ConditionExpression: `${held.expression} AND (${empty.expression})`,
        ExpressionAttributeNames: { ...held.names, ...empty.names },
        ExpressionAttributeValues: { ...held.values, ...empty.values },
      },
    };
  }
  const names = { ...held.names, '#released': A.released, '#ttl': LOCK_ITEM_SCHEMA.ttlAttributeName };
  const values = { ...held.values, ':true': { BOOL: true }, ':ttl': { N: String(ttlSeconds(wallNow, table.ttlRetentionMs)) } };
  let set = '#released = :true, #ttl = :ttl';
  if (release.data !== undefined) {
    Object.assign(names, { '#data': A.data });
    Object.assign(values, { ':data': dataValue(release.data) });
    set += ', #data = :data';
  }
  return { update: { ...common, UpdateExpression: `SET ${set}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values } };
}
