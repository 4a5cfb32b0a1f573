import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Condition } from './grant-condition.js';
import { LOCK_ATTRIBUTES as A, QUEUE_PLACE_FIELDS as F } from './item-schema.js';

/**
 * The waiter queue's conditions, each written once (fair waiting; see docs/design.md, "Fair
 * waiting"). Names and values use a `q` prefix so they merge into any request beside the
 * lock's own.
 */
const placeNames = { '#q': A.queue, '#qid': F.id };

/**
 * Nobody waits: the queue attribute is absent or empty. What a caller that holds no place
 * needs before it may take a free lock (no barging).
 *
 * @example
 * ```ts
 * queueEmpty().expression; // 'attribute_not_exists(#q) OR size(#q) = :qzero'
 * ```
 */
export function queueEmpty(): Condition {
  return { expression: 'attribute_not_exists(#q) OR size(#q) = :qzero', names: { '#q': A.queue }, values: { ':qzero': { N: '0' } } };
}

/**
 * `id` holds place `index` of the queue (0: the head, who alone may take a free lock).
 *
 * @example
 * ```ts
 * placeHeldBy(0, 'w1:3f2a').expression; // '#q[0].#qid = :qid'
 * ```
 */
export function placeHeldBy(index: number, id: string): Condition {
  return { expression: `${placePath(index)}.#qid = :qid`, names: placeNames, values: { ':qid': { S: id } } };
}

/**
 * `id` holds place `index` and that place expired before `wallBefore`: its waiter stopped
 * renewing (died, or gave up without leaving), so anyone may remove it.
 *
 * @example
 * ```ts
 * placeExpired(0, 'w1:3f2a', Date.now() - 1_000).expression;
 * ```
 */
export function placeExpired(index: number, id: string, wallBefore: number): Condition {
  const held = placeHeldBy(index, id);
  const values: Record<string, AttributeValue> = { ...held.values, ':qbefore': { N: String(wallBefore) } };
  return {
    expression: `${held.expression} AND ${placePath(index)}.#qexp < :qbefore`,
    names: { ...placeNames, '#qexp': F.expiresAt },
    values,
  };
}

/**
 * Room for one more waiter: fewer than `max` places.
 *
 * @example
 * ```ts
 * queueHasRoom(100).expression; // 'attribute_not_exists(#q) OR size(#q) < :qmax'
 * ```
 */
export function queueHasRoom(max: number): Condition {
  return { expression: 'attribute_not_exists(#q) OR size(#q) < :qmax', names: { '#q': A.queue }, values: { ':qmax': { N: String(max) } } };
}

/**
 * The document path of place `index` (checked to be a small non-negative integer, since it is
 * interpolated into an expression).
 *
 * @example
 * ```ts
 * `REMOVE ${placePath(0)}`; // 'REMOVE #q[0]'
 * ```
 */
export function placePath(index: number): string {
  return `#q[${checkIndex(index)}]`;
}

function checkIndex(index: number): number {
  // Interpolated into an expression: only ever a small non-negative integer.
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`queue index ${index}`);
  return index;
}
