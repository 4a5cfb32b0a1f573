import { dynamoDbClient } from '../env/sdk-clients.js';
import type { Contender, ContenderKind, LockSettings } from './contender.js';
import { importRuntime } from './runtime-bundle.js';

const { LockClient } = await importRuntime('index');

/** Fast-mode skew bound: generous for one machine, small next to a 2 s lease. */
export const FAST_MODE_MAX_SKEW_MS = 100;
/** Poll ceiling of the tuned setting: ~4 requests/s per waiter with 7 waiters sharing the work of noticing a release. */
export const TUNED_POLL_MS = 200;

function options(settings: LockSettings) {
  return {
    leaseMs: settings.leaseMs,
    heartbeatMs: settings.heartbeatMs,
    ...(settings.tuned && { pollMs: TUNED_POLL_MS }),
    ...(settings.trustClock && { trustWallClock: { maxSkewMs: FAST_MODE_MAX_SKEW_MS } }),
  };
}

/** ddb-lock, the repo's source bundled as users run it (see importRuntime): one conditional UpdateItem per acquire, heartbeat, release. */
export const ddbLock: ContenderKind = {
  id: 'ddb-lock',
  label: 'ddb-lock',
  table: { name: 'ddb-lock', partitionKey: 'pk' },
  can: { heartbeat: true, wait: true, takeover: true, readsHolderAfterRefusal: true },
  describe: (s) => JSON.stringify(options(s)),
  create: (endpoint, settings, tag) => ddbLockContender(LockClient, endpoint, settings, tag),
};

/**
 * A ddb-lock contender on the given LockClient class: the bundle's own, or a variant of it (the
 * CPU ledger's ablations), configured alike.
 *
 * @example
 * ```ts
 * const contender = ddbLockContender(LockClient, env.endpoint, SHORT_HOLD);
 * await (await contender.acquire('job', 5_000)).release();
 * ```
 */
export function ddbLockContender(Client: typeof LockClient, endpoint: string, settings: LockSettings, tag?: string): Contender {
  const client = new Client({ tableName: 'ddb-lock', client: dynamoDbClient(endpoint, tag), ...options(settings) });
  return {
    tryAcquire: (key) => client.tryAcquire(key),
    acquire: (key, waitMs, signal) => client.acquire(key, { waitMs, ...(signal && { signal }) }),
    close: async () => {
      await client.close();
      client.dynamoDb.destroy();
    },
  };
}
