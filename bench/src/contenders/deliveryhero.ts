import { dynamoDBLockClientFactory, type LockClient, LockNotGrantedError } from '@deliveryhero/dynamodb-lock';
import { documentClientV3 } from '../env/sdk-clients.js';
import type { Contender, ContenderKind, LockSettings } from './contender.js';

/** The lockGroup (sort key) every bench lock uses. */
export const GROUP = 'bench';
/** Tuned: trust local time and look again every 100 ms instead of sleeping a whole lease. */
const TUNED_WAIT_MS = 100;

function lockOptions(s: LockSettings) {
  const trust = !!(s.trustClock || s.tuned);
  return {
    leaseDurationInMs: s.leaseMs,
    prolongEveryMs: s.heartbeatMs,
    trustLocalTime: trust,
    ...(trust && { waitDurationInMs: s.tuned ? TUNED_WAIT_MS : Math.round(s.leaseMs / 4) }),
  };
}

/** @deliveryhero/dynamodb-lock (SDK v3): read, then create or — after waiting a lease — steal by record version. */
export const deliveryHero: ContenderKind = {
  id: 'deliveryhero',
  label: '@deliveryhero/dynamodb-lock',
  table: { name: 'dh-lock', partitionKey: 'lockId', sortKey: 'lockGroup' },
  can: { heartbeat: true, wait: true, takeover: true },
  describe: (s) => JSON.stringify(lockOptions(s)),
  create(endpoint, settings, tag): Contender {
    const doc = documentClientV3(endpoint, tag);
    const client: LockClient = dynamoDBLockClientFactory(doc, { tableName: 'dh-lock' });
    const base = lockOptions(settings);
    const period = base.trustLocalTime ? base.waitDurationInMs! : base.leaseDurationInMs;
    const take = async (key: string, maxRetryCount: number) => {
      const lock = await client.lock(GROUP, key, { ...base, maxRetryCount });
      return { release: () => client.releaseLock(lock) };
    };
    return {
      async tryAcquire(key) {
        try {
          return await take(key, 0);
        } catch (error) {
          if (error instanceof LockNotGrantedError) return undefined;
          throw error;
        }
      },
      // Each retry costs a read and at least one wait period; two retries per period covers waitMs.
      acquire: (key, waitMs) => take(key, 2 * Math.ceil(waitMs / period) + 2),
      close: async () => doc.destroy(),
    };
  },
};
