import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { Condition } from './grant-condition.js';
import { LOCK_ATTRIBUTES as A, QUEUE_PLACE_FIELDS as F } from './item-schema.js';
import { keyOf, type LockKey } from './lock-key.js';
import type { LockTable } from './lock-table.js';
import { placeExpired, placeHeldBy, placePath, queueHasRoom } from './queue-condition.js';
import { placeValue, type QueuePlace } from './queue-place.js';

/**
 * A change to a lock's waiter queue: join at the back, renew one's place, leave it, or evict an
 * expired place. `index` is where the place was last seen; the condition checks it is still
 * there (the queue shifts when its head takes the lock), so a stale index fails harmlessly.
 *
 * @example
 * ```ts
 * const change: QueueChange = { kind: 'renew', index: 2, place: { id: 'w1:3f2a', expiresAt: Date.now() + 4_000 } };
 * ```
 */
export type QueueChange =
  | { readonly kind: 'join'; readonly place: QueuePlace; readonly maxWaiters: number }
  | { readonly kind: 'renew'; readonly index: number; readonly place: QueuePlace }
  | { readonly kind: 'leave'; readonly index: number; readonly id: string }
  | { readonly kind: 'evict'; readonly index: number; readonly id: string; readonly expiredBefore: number };

/**
 * The UpdateItem for one queue change. It touches the queue attribute only — never the holder's
 * owner, record version or fence — and returns the whole item either way (ALL_NEW on success,
 * ALL_OLD on a failed condition where the server supports it), so a waiter's queue write is
 * also its poll. Joining needs an existing item: a lock with no item is free, not to queue for.
 *
 * @example
 * ```ts
 * await ddb.send(new UpdateItemCommand(queueRequest(table, { key: 'job' }, { kind: 'leave', index: 0, id: 'w1:3f2a' })));
 * ```
 */
export function queueRequest(table: LockTable, lock: LockKey, change: QueueChange): UpdateItemCommandInput {
  const { update, condition } = expressionOf(table, change);
  return {
    TableName: table.tableName,
    Key: keyOf(table, lock),
    UpdateExpression: update.expression,
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: { ...update.names, ...condition.names },
    ExpressionAttributeValues: { ...update.values, ...condition.values },
    ReturnValues: 'ALL_NEW',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

function expressionOf(table: LockTable, change: QueueChange): { update: Condition; condition: Condition } {
  switch (change.kind) {
    case 'join': {
      const room = queueHasRoom(change.maxWaiters);
      return {
        update: {
          expression: 'SET #q = list_append(if_not_exists(#q, :qnone), :qme)',
          names: { '#q': A.queue },
          values: { ':qnone': { L: [] }, ':qme': { L: [placeValue(change.place)] } },
        },
        condition: {
          expression: `attribute_exists(#pk) AND (${room.expression})`,
          names: { ...room.names, '#pk': table.partitionKeyName },
          values: room.values,
        },
      };
    }
    case 'renew':
      return {
        update: {
          expression: `SET ${placePath(change.index)}.#qexp = :qexp`,
          names: { '#q': A.queue, '#qexp': F.expiresAt },
          values: { ':qexp': { N: String(change.place.expiresAt) } },
        },
        condition: placeHeldBy(change.index, change.place.id),
      };
    case 'leave':
      return { update: removePlace(change.index), condition: placeHeldBy(change.index, change.id) };
    case 'evict':
      return { update: removePlace(change.index), condition: placeExpired(change.index, change.id, change.expiredBefore) };
  }
}

function removePlace(index: number): Condition {
  return { expression: `REMOVE ${placePath(index)}`, names: { '#q': A.queue }, values: {} };
}
