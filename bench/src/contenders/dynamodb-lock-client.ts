import { createRequire } from 'node:module';
import { documentClientV2 } from '../env/sdk-clients.js';
import type { Contender, ContenderKind, Held, LockSettings } from './contender.js';

interface PeerLock {
  release(cb: (err?: Error) => void): void;
  on(event: 'error', listener: (err: Error) => void): void;
}
interface PeerClient {
  acquireLock(id: string, cb: (err: (Error & { code?: string }) | undefined, lock: PeerLock) => void): void;
}
type PeerCtor = new (config: object) => PeerClient;

const peer = createRequire(import.meta.url)('dynamodb-lock-client') as { FailOpen: PeerCtor; FailClosed: PeerCtor };

/** FailClosed has no lease: a waiter retries its put every `acquirePeriodMs`. */
const CLOSED_PERIOD_MS = { default: 500, tuned: 100 };
/** FailOpen's tuned handoff: only a short lease makes a waiter look again sooner. */
const OPEN_TUNED = { leaseMs: 200, heartbeatMs: 50 };

function acquireWith(client: PeerClient, key: string): Promise<Held | undefined> {
  return new Promise((resolve, reject) => {
    client.acquireLock(key, (err, lock) => {
      if (err) return err.code === 'FailedToAcquireLock' ? resolve(undefined) : reject(err);
      // A failed heartbeat is emitted as 'error'; unhandled, it would crash the process.
      lock.on('error', () => undefined);
      resolve({ release: () => new Promise<void>((ok, fail) => lock.release((e) => (e ? fail(e) : ok()))) });
    });
  });
}

function openConfig(s: LockSettings) {
  const { leaseMs, heartbeatMs } = s.tuned ? OPEN_TUNED : s;
  return {
    lockTable: 'dlc-open',
    partitionKey: 'id',
    leaseDurationMs: leaseMs,
    heartbeatPeriodMs: heartbeatMs,
    trustLocalTime: !!(s.trustClock || s.tuned),
  };
}

function closedConfig(s: LockSettings) {
  return { lockTable: 'dlc-closed', partitionKey: 'id', acquirePeriodMs: s.tuned ? CLOSED_PERIOD_MS.tuned : CLOSED_PERIOD_MS.default };
}

/** Two clients of one kind: retryCount 0 for single attempts, enough retries to cover waitMs for waiting. */
function contender(Ctor: PeerCtor, config: object, retryPeriodMs: number, endpoint: string, tag: string | undefined): Contender {
  const dynamodb = documentClientV2(endpoint, tag);
  const once = new Ctor({ ...config, dynamodb, retryCount: 0 });
  const waiters = new Map<number, PeerClient>();
  const waiting = (waitMs: number) => {
    const retryCount = Math.ceil(waitMs / retryPeriodMs) + 1;
    if (!waiters.has(retryCount)) waiters.set(retryCount, new Ctor({ ...config, dynamodb, retryCount }));
    return waiters.get(retryCount)!;
  };
  return {
    tryAcquire: (key) => acquireWith(once, key),
    async acquire(key, waitMs) {
      const held = await acquireWith(waiting(waitMs), key);
      if (!held) throw new Error(`dynamodb-lock-client: ${key} not acquired within its retries`);
      return held;
    },
    close: async () => undefined,
  };
}

/** dynamodb-lock-client FailOpen: a lease with heartbeats; a waiter sleeps a whole lease before each try. */
export const dlcFailOpen: ContenderKind = {
  id: 'dlc-failopen',
  label: 'dynamodb-lock-client FailOpen',
  table: { name: 'dlc-open', partitionKey: 'id' },
  can: { heartbeat: true, wait: true, takeover: true },
  describe: (s) => JSON.stringify(openConfig(s)),
  create: (endpoint, s, tag) => contender(peer.FailOpen, openConfig(s), (s.tuned ? OPEN_TUNED : s).leaseMs, endpoint, tag),
};

/** dynamodb-lock-client FailClosed: no lease, no heartbeat; a crashed holder's lock stays until a human deletes it. */
export const dlcFailClosed: ContenderKind = {
  id: 'dlc-failclosed',
  label: 'dynamodb-lock-client FailClosed',
  table: { name: 'dlc-closed', partitionKey: 'id' },
  can: { heartbeat: false, wait: true, takeover: false },
  describe: (s) => JSON.stringify(closedConfig(s)),
  create: (endpoint, s, tag) => contender(peer.FailClosed, closedConfig(s), closedConfig(s).acquirePeriodMs, endpoint, tag),
};
