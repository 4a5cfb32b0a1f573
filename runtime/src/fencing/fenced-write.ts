import {
  ConditionalCheckFailedException,
  PutItemCommand,
  type PutItemCommandOutput,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { DEFAULTS } from '../defaults.js';
import { LockValidationError, StaleFenceError } from '../errors.js';
import { lockInternals } from '../lock/lock-internals.js';
import { type FencedWriteInput, fencedWriteRequest } from '../protocol/fenced-write-request.js';
import { checkKnownKeys, checkString } from '../validate.js';
import type { FencedLock } from './fenced-lock.js';

export type { FencedWriteInput } from '../protocol/fenced-write-request.js';

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
 * Writes to another item only if that item's stored fencing token is ≤ this lock's token, and
 * stores our token. A holder superseded by a newer grant (larger token) can no longer write,
 * whatever its timers think — this is the safety that does not depend on timing (S1). Works on
 * every DynamoDB-compatible server (single-item conditional write), through the DynamoDB client
 * of the LockClient that acquired the lock. The caller's own condition, names and values are
 * kept and combined with ours.
 *
 * @example
 * ```ts
 * await fencedWrite(lock, {
 *   update: { TableName: 'accounts', Key: { pk: { S: 'acct-1' } },
 *     UpdateExpression: 'SET balance = :b', ExpressionAttributeValues: { ':b': { N: '10' } } },
 * });
 * ```
 */
export async function fencedWrite(
  lock: FencedLock,
  input: FencedWriteInput,
  options: FencedWriteOptions = {},
): Promise<PutItemCommandOutput | UpdateItemCommandOutput> {
  const internals = lockInternals(lock);
  checkKnownKeys('fencedWrite options', options, ['fenceAttributeName']);
  if (options.fenceAttributeName !== undefined) checkString('fenceAttributeName', options.fenceAttributeName, 255);
  const given = input !== null && typeof input === 'object' ? Object.entries(input) : [];
  if (given.length !== 1 || !['put', 'update'].includes(given[0]![0]) || typeof given[0]![1] !== 'object' || given[0]![1] === null) {
    throw new LockValidationError('fencedWrite needs exactly one of put or update (a PutItem or UpdateItem input)');
  }
  // The fence makes a stale write harmless; a holder that knows its lock is gone should not even try.
  internals.assertUsable('write with');
  const { protocol } = internals;
  const request = fencedWriteRequest(input, lock.fence, options.fenceAttributeName ?? DEFAULTS.fenceAttributeName);
  try {
    return 'put' in request
      ? await protocol.send<PutItemCommandOutput>(new PutItemCommand(request.put), lock.signal)
      : await protocol.send<UpdateItemCommandOutput>(new UpdateItemCommand(request.update), lock.signal);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      const message = `write refused: the item's fence is newer than ${lock.fence}, or the caller's condition failed`;
      throw new StaleFenceError(message, { cause: error });
    }
    throw error;
  }
}
