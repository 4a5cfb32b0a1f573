import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { LOCK_ATTRIBUTES as A, LOCK_ITEM_SCHEMA } from './item-schema.js';
import type { LockTable } from './lock-table.js';
import { parseQueue, type QueuePlace } from './queue-place.js';

/**
 * What the table says about one lock, read with ConsistentRead.
 *
 * @example
 * ```ts
 * const info = await getLock(client, 'job'); // from @ddb-lock/runtime/admin
 * if (info && !info.released) console.log(info.owner, 'holds fence', info.fence);
 * ```
 */
export interface LockInfo {
  readonly key: string;
  readonly sortKey?: string;
  readonly owner: string;
  /** Record version: changes on every acquire and heartbeat. */
  readonly recordVersion: string;
  /** Fencing token of the latest grant. */
  readonly fence: number;
  readonly leaseMs: number;
  /** Holder's wall clock + lease at its last write: advisory only. */
  readonly expiresAt: number;
  /** True after a clean release; the item stays so the fence survives. */
  readonly released: boolean;
  readonly data?: string | Uint8Array;
  /** TTL, epoch seconds. */
  readonly ttl?: number;
  /** Fair waiting: the places of the clients queued for this lock, oldest first (absent: none). */
  readonly waiters?: readonly QueuePlace[];
  /** Semaphore permits only: the semaphore's size N recorded by its last acquire. */
  readonly permits?: number;
}

type Item = Record<string, AttributeValue>;

/** Parses a lock item; `undefined` for items that are not lock items. */
export function parseLockInfo(item: Item | undefined, table: Pick<LockTable, 'partitionKeyName' | 'sortKeyName'>): LockInfo | undefined {
  if (!item) return undefined;
  const key = item[table.partitionKeyName]?.S;
  const owner = item[A.owner]?.S;
  const rvn = item[A.recordVersion]?.S;
  const fence = item[A.fence]?.N;
  if (key === undefined || owner === undefined || rvn === undefined || fence === undefined) return undefined;
  const info: { -readonly [K in keyof LockInfo]: LockInfo[K] } = {
    key,
    owner,
    recordVersion: rvn,
    fence: Number(fence),
    leaseMs: Number(item[A.leaseMs]?.N ?? 0),
    expiresAt: Number(item[A.expiresAt]?.N ?? 0),
    released: item[A.released]?.BOOL === true,
  };
  // Optional fields only when present (assigned, not spread: this runs on every acquire).
  const sortKey = table.sortKeyName !== undefined ? item[table.sortKeyName]?.S : undefined;
  if (sortKey !== undefined) info.sortKey = sortKey;
  const data = item[A.data];
  if (data?.S !== undefined) info.data = data.S;
  else if (data?.B !== undefined) info.data = data.B;
  const ttl = item[LOCK_ITEM_SCHEMA.ttlAttributeName]?.N;
  if (ttl !== undefined) info.ttl = Number(ttl);
  const queue = item[A.queue];
  if (queue !== undefined) {
    const waiters = parseQueue(queue);
    if (waiters.length > 0) info.waiters = waiters;
  }
  const permits = item[A.permits]?.N;
  if (permits !== undefined) info.permits = Number(permits);
  return info;
}
