import type { AttributeValue, PutItemCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * A PutItem or UpdateItem on the protected item, without our fence condition yet.
 *
 * @example
 * ```ts
 * const input: FencedWriteInput = { update: { TableName: 'orders', Key: { pk: { S: 'o-1' } }, UpdateExpression: 'SET #s = :s',
 *   ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'PAID' } } } };
 * await fencedWrite(lock, input);
 * ```
 */
export type FencedWriteInput = { readonly put: PutItemCommandInput } | { readonly update: UpdateItemCommandInput };

/**
 * The caller's write with the fence guard added: it lands only if the item's stored token is
 * absent or ≤ `fence`, and stores `fence`. The caller's own condition, names and values are kept
 * and combined with ours.
 *
 * @example
 * ```ts
 * const request = fencedWriteRequest({ put: { TableName: 'orders', Item: { pk: { S: 'o-1' } } } }, lock.fence, 'lockFence');
 * ```
 */
export function fencedWriteRequest(
  input: FencedWriteInput,
  fence: number,
  fenceAttributeName: string,
): { readonly put: PutItemCommandInput } | { readonly update: UpdateItemCommandInput } {
  const names = { '#ddbLockFence': fenceAttributeName };
  const token: AttributeValue = { N: String(fence) };
  const values = { ':ddbLockFence': token };
  const guard = '(attribute_not_exists(#ddbLockFence) OR #ddbLockFence <= :ddbLockFence)';
  const guarded = (write: PutItemCommandInput | UpdateItemCommandInput) => ({
    ConditionExpression: write.ConditionExpression ? `(${write.ConditionExpression}) AND ${guard}` : guard,
    ExpressionAttributeNames: { ...write.ExpressionAttributeNames, ...names },
    ExpressionAttributeValues: { ...write.ExpressionAttributeValues, ...values },
  });
  if ('put' in input) return { put: { ...input.put, Item: { ...input.put.Item, [fenceAttributeName]: token }, ...guarded(input.put) } };
  const update = input.update;
  const expression = addSet(update.UpdateExpression ?? '', '#ddbLockFence = :ddbLockFence');
  return { update: { ...update, UpdateExpression: expression, ...guarded(update) } };
}

/**
 * Adds an assignment to the SET clause of an update expression (creating one if needed).
 *
 * @example
 * ```ts
 * addSet('SET a = :a REMOVE b', 'c = :c'); // 'SET c = :c, a = :a REMOVE b'
 * ```
 */
export function addSet(expression: string, assignment: string): string {
  // The keyword, not a placeholder or path that spells it (`#set`, `:set`, `a.set`).
  const match = /(?<![#:.\w])SET\b/i.exec(expression);
  if (!match) return `${expression} SET ${assignment}`.trim();
  const at = match.index + match[0].length;
  return `${expression.slice(0, at)} ${assignment},${expression.slice(at)}`;
}
