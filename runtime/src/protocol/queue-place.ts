import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { QUEUE_PLACE_FIELDS as F } from './item-schema.js';

/**
 * One waiter's place in a lock's queue (fair waiting): who waits, and until when (the waiter's
 * wall clock, ms) its place holds unless renewed.
 *
 * @example
 * ```ts
 * const info = await getLock(client, 'job'); // from @ddb-lock/runtime/admin
 * for (const place of info?.waiters ?? []) console.log(place.id, new Date(place.expiresAt));
 * ```
 */
export interface QueuePlace {
  readonly id: string;
  readonly expiresAt: number;
}

/**
 * The places in a stored queue attribute, oldest first; malformed entries are kept as expired
 * places (so they are evicted like a dead waiter's, never trusted).
 *
 * @example
 * ```ts
 * const places = parseQueue(item.q);
 * ```
 */
export function parseQueue(value: AttributeValue | undefined): readonly QueuePlace[] {
  const list = value?.L;
  if (!list || list.length === 0) return [];
  return list.map((entry) => ({ id: entry.M?.[F.id]?.S ?? '', expiresAt: Number(entry.M?.[F.expiresAt]?.N ?? 0) }));
}

/**
 * The stored form of one place.
 *
 * @example
 * ```ts
 * const value = placeValue({ id: 'w1:3f2a', expiresAt: Date.now() + 4_000 });
 * ```
 */
export function placeValue(place: QueuePlace): AttributeValue {
  return { M: { [F.id]: { S: place.id }, [F.expiresAt]: { N: String(place.expiresAt) } } };
}
