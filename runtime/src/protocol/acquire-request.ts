import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { dataValue } from './data-value.js';
import { LOCK_ATTRIBUTES as A, LOCK_ITEM_SCHEMA } from './item-schema.js';
import { keyOf, type LockKey } from './lock-key.js';
import type { LockTable } from './lock-table.js';
import { placeHeldBy, placePath, queueEmpty } from './queue-condition.js';
import { ttlSeconds } from './ttl-seconds.js';

/**
 * What an acquire attempt may take over besides an absent or released item.
 *
 * @example
 * ```ts
 * const grounds: AcquireGrounds = { observedRecordVersion: watched.recordVersion };
 * ```
 */
export interface AcquireGrounds {
  /** Record version watched unchanged for a full lease (skew-free takeover). */
  readonly observedRecordVersion?: string;
  /** Take an item already owned by this owner. */
  readonly reentrant?: boolean;
  /** Fast takeover: items whose expiresAt is before this wall-clock instant. */
  readonly expiredBefore?: number;
}

/**
 * Input of one acquire write.
 *
 * @example
 * ```ts
 * const attempt: AcquireAttempt = { owner: 'w1', recordVersion: randomUUID(), leaseMs: 20_000, replaceData: true };
 * ```
 */
export interface AcquireAttempt extends AcquireGrounds {
  readonly owner: string;
  readonly recordVersion: string;
  readonly leaseMs: number;
  readonly data?: string | Uint8Array;
  readonly replaceData: boolean;
  /**
   * Fair waiting: with no `place`, take the lock only while nobody queues for it; with the
   * caller's `place` id, only as the queue's head (and leave the queue in the same write).
   * Absent: barge (take it whatever the queue).
   */
  readonly fair?: { readonly place?: string };
  /**
   * Semaphore permits only: the semaphore's size N. Written on the item, and the write succeeds
   * only where the item records no size or this one, so clients that disagree on N are refused.
   */
  readonly permits?: number;
}

/**
 * The one conditional UpdateItem that grants a lock (and takes one over): it succeeds on an
 * absent or released item, or on the grounds given, writes a new record version and lease, and
 * bumps the fence. A new item starts its fence from the wall clock in µs, so a lock deleted (TTL,
 * deleteOnRelease) and created again later still gets a larger token.
 *
 * @example
 * ```ts
 * await ddb.send(new UpdateItemCommand(acquireRequest(table, { key: 'job' }, attempt, Date.now())));
 * ```
 */
export function acquireRequest(table: LockTable, lock: LockKey, attempt: AcquireAttempt, wallNow: number) {
  const names: Record<string, string> = {
    '#pk': table.partitionKeyName,
    '#owner': A.owner,
    '#rvn': A.recordVersion,
    '#fence': A.fence,
    '#leaseMs': A.leaseMs,
    '#expiresAt': A.expiresAt,
    '#released': A.released,
    '#ttl': LOCK_ITEM_SCHEMA.ttlAttributeName,
    '#beat': A.beat,
  };
  const values: Record<string, AttributeValue> = {
    ':owner': { S: attempt.owner },
    ':zero': { N: '0' },
    ':rvn': { S: attempt.recordVersion },
    ':leaseMs': { N: String(attempt.leaseMs) },
    ':expiresAt': { N: String(wallNow + attempt.leaseMs) },
    ':ttl': { N: String(ttlSeconds(wallNow + attempt.leaseMs, table.ttlRetentionMs)) },
    ':true': { BOOL: true },
    ':false': { BOOL: false },
    ':fenceBase': { N: String(fenceBase(wallNow)) },
    ':one': { N: '1' },
  };
  let set =
    '#owner = :owner, #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, ' +
    '#released = :false, #beat = :zero, #fence = if_not_exists(#fence, :fenceBase) + :one';
  let remove = '';
  if (attempt.data !== undefined) {
    names['#data'] = A.data;
    values[':data'] = dataValue(attempt.data);
    set += ', #data = :data';
  } else if (attempt.replaceData) {
    names['#data'] = A.data;
    remove = ' REMOVE #data';
  }
  const grounds = ['attribute_not_exists(#pk)', '#released = :true'];
  if (attempt.observedRecordVersion !== undefined) {
    grounds.push('#rvn = :observedRvn');
    values[':observedRvn'] = { S: attempt.observedRecordVersion };
  }
  if (attempt.reentrant && !attempt.fair) grounds.push('#owner = :owner');
  if (attempt.expiredBefore !== undefined) {
    grounds.push('#expiresAt < :expiredBefore');
    values[':expiredBefore'] = { N: String(attempt.expiredBefore) };
  }
  let condition = grounds.join(' OR ');
  if (attempt.fair) {
    // Whatever made the lock free, only the queue's head may take it (or anyone when nobody
    // queues): no barging. A reentrant call takes its own *held* lock whatever the queue.
    const { place } = attempt.fair;
    const queue = place === undefined ? queueEmpty() : placeHeldBy(0, place);
    Object.assign(names, queue.names);
    Object.assign(values, queue.values);
    condition = `(${condition}) AND (${queue.expression})`;
    if (place !== undefined) remove = remove ? `${remove}, ${placePath(0)}` : ` REMOVE ${placePath(0)}`;
    else if (attempt.reentrant) condition += ' OR (#owner = :owner AND #released = :false)';
  }
  if (attempt.permits !== undefined) {
    // A permit is taken only under the size its item records (a fresh item records none): a
    // client with another N is refused on every write, whatever the grounds.
    names['#permits'] = A.permits;
    values[':permits'] = { N: String(attempt.permits) };
    set += ', #permits = :permits';
    condition = `(${condition}) AND (attribute_not_exists(#permits) OR #permits = :permits)`;
  }
  return {
    TableName: table.tableName,
    Key: keyOf(table, lock),
    UpdateExpression: `SET ${set}${remove}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW' as const,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  };
}

/**
 * The fence a new item starts from: the wall clock in µs. An acquire whose item comes back with
 * `fenceBase(wallNow) + 1` created it.
 *
 * @example
 * ```ts
 * const created = info.fence === fenceBase(wallNow) + 1;
 * ```
 */
export function fenceBase(wallNow: number): number {
  return wallNow * 1000;
}
