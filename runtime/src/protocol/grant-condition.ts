import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { HeldGrant } from './held-grant.js';
import { LOCK_ATTRIBUTES as A } from './item-schema.js';

/**
 * A condition expression with the names and values it uses, ready to merge into a request.
 *
 * @example
 * ```ts
 * const { expression, names, values } = grantCondition(grant, { notReleased: true });
 * ```
 */
export interface Condition {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
}

/**
 * The item still carries this grant: our owner and our fence (fixed for the grant, unlike the
 * record version), and with `notReleased` not released either. The one place this condition is
 * written: heartbeats and the guarded transaction's ConditionCheck use `notReleased`; a release
 * does not (a retried release whose first response was lost must succeed on our released item).
 *
 * @example
 * ```ts
 * grantCondition({ key: 'job', owner: 'w1', fence: 7 }, { notReleased: false }).expression; // '#owner = :owner AND #fence = :fence'
 * ```
 */
export function grantCondition(grant: HeldGrant, options: { notReleased: boolean }): Condition {
  const names: Record<string, string> = { '#owner': A.owner, '#fence': A.fence };
  const values: Record<string, AttributeValue> = { ':owner': { S: grant.owner }, ':fence': { N: String(grant.fence) } };
  if (!options.notReleased) return { expression: '#owner = :owner AND #fence = :fence', names, values };
  names['#released'] = A.released;
  values[':false'] = { BOOL: false };
  return { expression: '#owner = :owner AND #fence = :fence AND #released = :false', names, values };
}
