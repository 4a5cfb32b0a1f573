import { BatchGetItemCommand, type BatchGetItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { LockUnavailableError } from '../errors.js';
import type { LockInfo } from './lock-info.js';
import { type LockKey, lockId } from './lock-key.js';
import type { LockProtocol } from './lock-protocol.js';
import { MAX_READ_MANY, readManyRequest } from './read-many-request.js';
import { backoffMs, sleep } from './sleep.js';

/**
 * ConsistentRead of up to 100 locks in one BatchGetItem, answered in the order asked
 * (`undefined` for an absent item). Keys the server leaves unprocessed (throttling) are asked
 * again with backoff, a few times, then LockUnavailableError: a partial picture is no answer.
 * A function, not a LockProtocol method, so bundles that never read many locks do not carry it.
 *
 * @example
 * ```ts
 * const [first, second] = await readMany(protocol, [{ key: 'sem#0' }, { key: 'sem#1' }]);
 * ```
 */
export async function readMany(protocol: LockProtocol, locks: readonly LockKey[], signal?: AbortSignal): Promise<(LockInfo | undefined)[]> {
  if (locks.length > MAX_READ_MANY) throw new RangeError(`readMany takes at most ${MAX_READ_MANY} locks`);
  const { tableName, partitionKeyName, sortKeyName } = protocol.options;
  const found = new Map<string, LockInfo>();
  let pending: readonly LockKey[] = locks;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 4) throw new LockUnavailableError(`${pending.length} of ${locks.length} locks stayed unprocessed in BatchGetItem`);
    if (attempt > 0) await sleep(backoffMs(attempt - 1, 25, 400), signal);
    const out = await protocol.send<BatchGetItemCommandOutput>(new BatchGetItemCommand(readManyRequest(protocol.options, pending)), signal);
    for (const item of out.Responses?.[tableName] ?? []) {
      const info = protocol.parse(item);
      if (info) found.set(lockId(info), info);
    }
    const unprocessed = new Set(
      (out.UnprocessedKeys?.[tableName]?.Keys ?? []).map((k) =>
        lockId({ key: k[partitionKeyName]?.S ?? '', ...(sortKeyName !== undefined && { sortKey: k[sortKeyName]?.S ?? '' }) }),
      ),
    );
    pending = pending.filter((lock) => unprocessed.has(lockId(lock)));
  }
  return locks.map((lock) => found.get(lockId(lock)));
}
