import { LockClient } from '../client/lock-client.js';
import { configurationCheck } from '../configuration.js';
import { DEFAULTS } from '../defaults.js';
import { LockConfigurationError } from '../errors.js';
import { LOCK_ITEM_SCHEMA } from '../protocol/item-schema.js';
import { checkCapFits } from './check-cap-fits.js';
import type { LambdaClientOptions } from './lambda-client-options.js';

/**
 * Default skew bound of the wall-clock takeover of the Lambda integrations' default client
 * (`withLock`, the batch handlers). Lambda environments keep time with the Amazon Time Sync
 * Service (NTP from the host, errors of a millisecond or less); 1 s is far beyond that, and small
 * next to any lease worth having. See the README.
 *
 * @example
 * ```ts
 * new LockClient({ tableName: 'locks', trustWallClock: { maxSkewMs: LAMBDA_MAX_SKEW_MS } });
 * ```
 */
export const LAMBDA_MAX_SKEW_MS = DEFAULTS.lambdaMaxSkewMs;

/**
 * The client a handler uses: the caller's, or one built on first use from `tableName` (default
 * DDB_LOCK_TABLE_NAME) and reused by every later invocation of the execution environment, with
 * `withLock`'s Lambda defaults: wall-clock takeover (`maxSkewMs` 1000), so a key held by a killed
 * environment comes back to an invocation that tries it once. Its timing is checked once against
 * the deadline margin (leases are capped by the remaining time).
 *
 * @example
 * ```ts
 * const clientOf = defaultLockClient('lockedBatchHandler', { leaseMs: 10_000 });
 * const client = clientOf(); // built now, reused later
 * ```
 */
export function defaultLockClient(where: string, options: LambdaClientOptions & { readonly leaseMs?: number }): () => LockClient {
  const build = (): LockClient => {
    const tableName = options.tableName ?? process.env[LOCK_ITEM_SCHEMA.tableNameEnvVar];
    if (!tableName) {
      throw new LockConfigurationError(
        `${where}: no table name — set the ${LOCK_ITEM_SCHEMA.tableNameEnvVar} environment variable` +
          ' (DistributedLockTable.bindTo does) or pass { tableName }',
      );
    }
    const trustWallClock = options.trustWallClock ?? { maxSkewMs: LAMBDA_MAX_SKEW_MS };
    // Unset options stay undefined: the client applies its own defaults to them.
    const { leaseMs, heartbeatMs, observers } = options;
    return new LockClient({ tableName, leaseMs, heartbeatMs, trustWallClock: trustWallClock || undefined, observers });
  };
  let client: LockClient | undefined;
  return () => {
    if (client) return client;
    const resolved = options.client ?? build();
    configurationCheck(() => checkCapFits(where, resolved, options.leaseMs, options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs));
    client = resolved;
    return client;
  };
}
