import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { dataValue } from './data-value.js';
import { grantCondition } from './grant-condition.js';
import type { HeldGrant } from './held-grant.js';
import { LOCK_ATTRIBUTES as A, LOCK_ITEM_SCHEMA } from './item-schema.js';
import { keyOf } from './lock-key.js';
import type { LockTable } from './lock-table.js';
import { ttlSeconds } from './ttl-seconds.js';

/**
 * What one heartbeat writes: the grant's heartbeat number, a new record version, the lease, and
 * optionally new data.
 *
 * @example
 * ```ts
 * const renewal: Renewal = { beat: 3, recordVersion: randomUUID(), leaseMs: 20_000 };
 * ```
 */
export interface Renewal {
  readonly beat: number;
  readonly recordVersion: string;
  readonly leaseMs: number;
  readonly data?: string | Uint8Array | undefined;
}

/**
 * The heartbeat's UpdateItem: rotates the record version and extends the lease, only while the
 * item still carries our grant and is not released. Conditioning on the fence (fixed for the
 * grant) rather than the rotating version makes a retried heartbeat whose first response was lost
 * succeed. `beat` numbers the grant's heartbeats: a late copy of an older one (delivered after a
 * newer heartbeat landed) is refused, so a record version never comes back — a waiter that saw
 * it before, missed the newer one and saw it again would count a lease from the first sighting.
 *
 * @example
 * ```ts
 * const renewal = { beat: 1, recordVersion: randomUUID(), leaseMs: 20_000 };
 * await ddb.send(new UpdateItemCommand(heartbeatRequest(table, grant, renewal, Date.now())));
 * ```
 */
export function heartbeatRequest(table: LockTable, grant: HeldGrant, renewal: Renewal, wallNow: number) {
  const held = grantCondition(grant, { notReleased: true });
  const names: Record<string, string> = {
    ...held.names,
    '#rvn': A.recordVersion,
    '#leaseMs': A.leaseMs,
    '#expiresAt': A.expiresAt,
    '#ttl': LOCK_ITEM_SCHEMA.ttlAttributeName,
    '#beat': A.beat,
  };
  const values: Record<string, AttributeValue> = {
    ...held.values,
    ':beat': { N: String(renewal.beat) },
    ':rvn': { S: renewal.recordVersion },
    ':leaseMs': { N: String(renewal.leaseMs) },
    ':expiresAt': { N: String(wallNow + renewal.leaseMs) },
    ':ttl': { N: String(ttlSeconds(wallNow + renewal.leaseMs, table.ttlRetentionMs)) },
  };
  let set = '#rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #beat = :beat';
  if (renewal.data !== undefined) {
    names['#data'] = A.data;
    values[':data'] = dataValue(renewal.data);
    set += ', #data = :data';
  }
  return {
    TableName: table.tableName,
    Key: keyOf(table, grant),
    UpdateExpression: `SET ${set}`,
    ConditionExpression: `${held.expression} AND (attribute_not_exists(#beat) OR #beat <= :beat)`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}
