import type { Context } from 'aws-lambda';
import { LockValidationError } from '../errors.js';
import { checkString, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../validate.js';
import type { LockKeyFn } from './with-lock-options.js';

/**
 * Runs the key function and checks what it returned, so a bad event fails with a typed error
 * before any request is sent.
 */
export async function resolveLockKey<TEvent>(
  keyFn: LockKeyFn<TEvent>,
  event: TEvent,
  context: Context,
): Promise<{ key: string; sortKey?: string }> {
  let result: unknown;
  try {
    result = await keyFn(event, context);
  } catch (error) {
    throw new LockValidationError(`withLock: the key function threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (result !== null && typeof result === 'object') {
    const { key, sortKey } = result as { key?: unknown; sortKey?: unknown };
    checkString('withLock key', key, MAX_PARTITION_KEY_BYTES);
    if (sortKey !== undefined) checkString('withLock sortKey', sortKey, MAX_SORT_KEY_BYTES);
    return { key: key as string, ...(sortKey !== undefined && { sortKey: sortKey as string }) };
  }
  checkString('withLock key', result, MAX_PARTITION_KEY_BYTES);
  return { key: result as string };
}
