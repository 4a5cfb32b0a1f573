import {
  ConditionalCheckFailedException,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type PutItemCommandInput,
  type PutItemCommandOutput,
  type UpdateItemCommandInput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { LockLostError, LockNotOwnerError, LockValidationError, StaleFenceError } from './errors.js';
import { checkKnownKeys, checkString } from './validate.js';
import type { Lock } from './lock.js';
import type { LockClient } from './lock-client.js';
import { sendWithDeadline } from './send-with-deadline.js';
import { heldBehind, type LockView } from '../lock/lock-view.js';

/**
 * Options of {@link fencedWrite}.
 *
 * @example
 * ```ts
 * const opts: FencedWriteOptions = { fenceAttributeName: 'lockFence' };
 * ```
 */
export interface FencedWriteOptions {
  /** Attribute on the protected item that stores the token of its last writer. @default "lockFence" */
  readonly fenceAttributeName?: string;
}

/**
 * A PutItem or UpdateItem on the protected item, without our fence condition yet.
 *
 * @example
 * ```ts
 * const input: FencedWriteInput = { update: { TableName: 'orders', Key: { pk: { S: 'o-1' } }, UpdateExpression: 'SET #s = :s',
 *   ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'PAID' } } } };
 * await fencedWrite(client, lock, input); // client: the LockClient that holds `lock`
 * ```
 */
export type FencedWriteInput =
  | ({ readonly put: PutItemCommandInput })
  | ({ readonly update: UpdateItemCommandInput });

/**
 * Writes to another item only if that item's stored fencing token is ≤ this lock's token, and
 * stores our token. A holder superseded by a newer grant (larger token) can no longer write,
 * whatever its timers think — this is the safety that does not depend on timing (S1). Works on
 * every DynamoDB-compatible server (single-item conditional write). The caller's own condition,
 * names and values are kept and combined with ours.
 *
 * @example
 * ```ts
 * await fencedWrite(client, lock, {
 *   update: { TableName: 'accounts', Key: { pk: { S: 'acct-1' } },
 *     UpdateExpression: 'SET balance = :b', ExpressionAttributeValues: { ':b': { N: '10' } } },
 * });
 * // In a withLock handler (or a batch's record handler), with the lock it holds for you:
 * await fencedWrite(context.lock, { update: { TableName: 'accounts', Key: { pk: { S: 'acct-1' } }, UpdateExpression: 'SET paid = :t',
 *   ExpressionAttributeValues: { ':t': { BOOL: true } } } });
 * ```
 */
export async function fencedWrite(lock: LockView, input: FencedWriteInput, options?: FencedWriteOptions): Promise<PutItemCommandOutput | UpdateItemCommandOutput>;
export async function fencedWrite(client: LockClient, lock: Lock, input: FencedWriteInput, options?: FencedWriteOptions): Promise<PutItemCommandOutput | UpdateItemCommandOutput>;
export async function fencedWrite(...args: unknown[]): Promise<PutItemCommandOutput | UpdateItemCommandOutput> {
  // issue-10 middy: a handler's view (context.lock) stands for the middleware's lock and client.
  const [client, lock, input, options = {}] = viewArgs('fencedWrite', args) as [LockClient, Lock, FencedWriteInput, FencedWriteOptions?];
  checkKnownKeys('fencedWrite options', options, ['fenceAttributeName']);
  if (options.fenceAttributeName !== undefined) checkString('fenceAttributeName', options.fenceAttributeName, 255);
  const given = input !== null && typeof input === 'object' ? Object.entries(input) : [];
  if (given.length !== 1 || !['put', 'update'].includes(given[0]![0]) || typeof given[0]![1] !== 'object' || given[0]![1] === null) {
    throw new LockValidationError('fencedWrite needs exactly one of put or update (a PutItem or UpdateItem input)');
  }
  if (lock.state === 'released' || lock.state === 'releasing') throw new LockNotOwnerError(`lock ${lock.key} was released`);
  if (lock.state === 'lost') throw new LockLostError(`lock ${lock.key} was lost`, lock.key, 'stolen');
  // The fence makes a stale write harmless; a holder that knows its validity ran out should not even try.
  if (!lock.isValid()) throw new LockLostError(`lock ${lock.key} expired`, lock.key, 'expired');
  const fenceName = options.fenceAttributeName ?? 'lockFence';
  const names = { '#ddbLockFence': fenceName };
  const values: Record<string, AttributeValue> = { ':ddbLockFence': { N: String(lock.fence) } };
  const guard = '(attribute_not_exists(#ddbLockFence) OR #ddbLockFence <= :ddbLockFence)';
  const deadline = client.options.requestTimeoutMs;
  try {
    if ('put' in input) {
      const put = input.put;
      return await sendWithDeadline<PutItemCommandOutput>(client.dynamoDb, new PutItemCommand({
        ...put,
        Item: { ...put.Item, [fenceName]: values[':ddbLockFence']! },
        ConditionExpression: put.ConditionExpression ? `(${put.ConditionExpression}) AND ${guard}` : guard,
        ExpressionAttributeNames: { ...put.ExpressionAttributeNames, ...names },
        ExpressionAttributeValues: { ...put.ExpressionAttributeValues, ...values },
      }), deadline, lock.signal);
    }
    const update = input.update;
    return await sendWithDeadline<UpdateItemCommandOutput>(client.dynamoDb, new UpdateItemCommand({
      ...update,
      UpdateExpression: addSet(update.UpdateExpression ?? '', '#ddbLockFence = :ddbLockFence'),
      ConditionExpression: update.ConditionExpression ? `(${update.ConditionExpression}) AND ${guard}` : guard,
      ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...names },
      ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...values },
    }), deadline, lock.signal);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new StaleFenceError(`write refused: the item's fence is newer than ${lock.fence}, or the caller's condition failed`, { cause: error });
    }
    throw error;
  }
}

/**
 * The arguments of `fencedWrite` / `guardedTransaction` as (client, lock, …): a view made by
 * `lockView` (`withLock`'s `context.lock`, a batch's record lock) stands for its lock and client.
 *
 * @example
 * ```ts
 * const [client, lock, input] = viewArgs('fencedWrite', [context.lock, input]);
 * ```
 */
export function viewArgs(where: string, args: unknown[]): unknown[] {
  const held = heldBehind(args[0]);
  if (held) return [held.client, held.lock, ...args.slice(1)];
  if (typeof (args[0] as Partial<LockClient> | undefined)?.acquire !== 'function') {
    throw new LockValidationError(`${where} takes a handler's lock (context.lock, a record's lock), or a LockClient and its Lock`);
  }
  return args;
}

/** Adds an assignment to the SET clause of an update expression (creating one if needed). */
export function addSet(expression: string, assignment: string): string {
  // The keyword, not a placeholder or path that spells it (`#set`, `:set`, `a.set`).
  const match = /(?<![#:.\w])SET\b/i.exec(expression);
  if (!match) return `${expression} SET ${assignment}`.trim();
  const at = match.index + match[0].length;
  return `${expression.slice(0, at)} ${assignment},${expression.slice(at)}`;
}
