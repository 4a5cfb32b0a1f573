import { LockValidationError } from '../errors.js';
import { checkString, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../validate.js';

/**
 * What a Lambda integration calls its key function and the key's parts in error messages.
 *
 * @example
 * ```ts
 * const labels: KeyLabels = { fn: 'withLock: the key function', key: 'withLock key', sortKey: 'withLock sortKey' };
 * ```
 */
export interface KeyLabels {
  readonly fn: string;
  readonly key: string;
  readonly sortKey: string;
}

/**
 * Runs a key function (`withLock`'s on the event, the batch handlers' on a record) and checks
 * what it returned, so bad input fails with a LockValidationError before any request is sent.
 *
 * @example
 * ```ts
 * const { key, sortKey } = await resolveKey(labels, (e: { id: string }) => e.id, event, context);
 * ```
 */
export async function resolveKey<TArg, TContext>(
  labels: KeyLabels,
  keyFn: (arg: TArg, context: TContext) => unknown,
  arg: TArg,
  context: TContext,
): Promise<{ key: string; sortKey?: string }> {
  let result: unknown;
  try {
    result = await keyFn(arg, context);
  } catch (error) {
    throw new LockValidationError(`${labels.fn} threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (result !== null && typeof result === 'object') {
    const { key, sortKey } = result as { key?: unknown; sortKey?: unknown };
    checkString(labels.key, key, MAX_PARTITION_KEY_BYTES);
    if (sortKey !== undefined) checkString(labels.sortKey, sortKey, MAX_SORT_KEY_BYTES);
    return { key: key as string, ...(sortKey !== undefined && { sortKey: sortKey as string }) };
  }
  checkString(labels.key, result, MAX_PARTITION_KEY_BYTES);
  return { key: result as string };
}
