import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import { LockValidationError } from '../errors.js';
import { permitKey } from '../protocol/permit-key.js';
import { resizeRequest } from '../protocol/resize-request.js';
import { checkKnownKeys, checkString, MAX_PARTITION_KEY_BYTES } from '../validate.js';
import { checkPermits } from './check-semaphore.js';

/**
 * Options of {@link resizeSemaphore}.
 *
 * @example
 * ```ts
 * const options: ResizeSemaphoreOptions = { from: 5, to: 8 };
 * ```
 */
export interface ResizeSemaphoreOptions {
  /** The size the semaphore's items record now. */
  readonly from: number;
  /** The new size. */
  readonly to: number;
}

/**
 * Changes a semaphore's size N. Permit 0 first — every acquire writes it first, so from that
 * write on a client with the old N is refused with SemaphoreSizeError — then every other existing
 * permit item up to the larger size, each only if it still records `from`. Holders keep their
 * permits: raising takes effect at once for clients with the new N; lowering lets holders of
 * the permits above the new N finish (they are not counted by new clients, so until they
 * release, up to the old N may hold). Returns how many items were changed.
 *
 * @example
 * ```ts
 * import { resizeSemaphore } from '@ddb-lock/runtime/semaphore';
 * await resizeSemaphore(client, 'partner-api', { from: 5, to: 8 }); // then deploy permits: 8
 * ```
 */
export async function resizeSemaphore(client: LockClient, name: string, options: ResizeSemaphoreOptions): Promise<number> {
  const { options: settings, protocol } = clientInternals(client);
  checkKnownKeys('resizeSemaphore options', options, ['from', 'to']);
  checkString('semaphore name', name, MAX_PARTITION_KEY_BYTES - 4);
  checkPermits(options?.from, 'from');
  checkPermits(options?.to, 'to');
  if (options.from === options.to) throw new LockValidationError('resizeSemaphore: from and to are the same size');
  let changed = 0;
  for (let i = 0; i < Math.max(options.from, options.to); i++) {
    const lock = permitKey(name, i, settings.sortKeyName !== undefined);
    try {
      await protocol.send(new UpdateItemCommand(resizeRequest(settings, lock, options.from, options.to)));
      changed++;
    } catch (error) {
      // Absent (never used), or recording another size already: nothing to change there.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return changed;
}
