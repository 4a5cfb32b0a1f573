import { LockValidationError } from '../client/errors.js';
import { LOCK_ITEM_SCHEMA } from '../client/item-schema.js';
import { LockClient } from '../client/lock-client.js';

/**
 * The client a handler uses: the caller's, or one built on first use from `tableName` (default
 * DDB_LOCK_TABLE_NAME) and reused by every later invocation of the execution environment.
 * The same rule as `withLock`'s (a copy kept here until the two share one).
 *
 * @example
 * ```ts
 * const clientOf = defaultLockClient('lockedBatchHandler', { leaseMs: 10_000 });
 * const client = clientOf(); // built now, reused later
 * ```
 */
export function defaultLockClient(where: string, options: { client?: LockClient; tableName?: string; leaseMs?: number; heartbeatMs?: number }): () => LockClient {
  let built: LockClient | undefined;
  return () => {
    if (options.client) return options.client;
    if (built) return built;
    const tableName = options.tableName ?? process.env[LOCK_ITEM_SCHEMA.tableNameEnvVar];
    if (!tableName) {
      throw new LockValidationError(`${where}: no table name — set the ${LOCK_ITEM_SCHEMA.tableNameEnvVar} environment variable (DistributedLockTable.bindTo does) or pass { tableName }`);
    }
    built = new LockClient({
      tableName,
      ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
      ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
    });
    return built;
  };
}
