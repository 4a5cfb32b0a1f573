import type { Context } from 'aws-lambda';
import { LockValidationError } from '../errors.js';
import { checkString, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../validate.js';
import type { RecordKeyFn } from './locked-batch-options.js';

/**
 * Runs the key function for one record and checks what it returned: a bad record fails with a
 * LockValidationError before any request is sent (only that record fails).
 *
 * @example
 * ```ts
 * const { key } = await resolveRecordKey((r: { id: string }) => r.id, { id: 'a' }, context);
 * ```
 */
export async function resolveRecordKey<TRecord>(
  keyFn: RecordKeyFn<TRecord>,
  record: TRecord,
  context: Context | undefined,
): Promise<{ key: string; sortKey?: string }> {
  let result: unknown;
  try {
    result = await keyFn(record, context);
  } catch (error) {
    throw new LockValidationError(`record key function threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (result !== null && typeof result === 'object') {
    const { key, sortKey } = result as { key?: unknown; sortKey?: unknown };
    checkString('record key', key, MAX_PARTITION_KEY_BYTES);
    if (sortKey !== undefined) checkString('record sortKey', sortKey, MAX_SORT_KEY_BYTES);
    return { key: key as string, ...(sortKey !== undefined && { sortKey: sortKey as string }) };
  }
  checkString('record key', result, MAX_PARTITION_KEY_BYTES);
  return { key: result as string };
}
