import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Lock data as DynamoDB stores it: a string as `S`, bytes as `B` (parseLockInfo reads both back).
 *
 * @example
 * ```ts
 * dataValue('step 3'); // { S: 'step 3' }
 * ```
 */
export function dataValue(data: string | Uint8Array): AttributeValue {
  return typeof data === 'string' ? { S: data } : { B: data };
}
