import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';

/**
 * A LockClient's settings after defaults: what operator tools show and derive from (the CLI's
 * poll period, the demo's key attribute). A copy: changing it changes nothing.
 *
 * @example
 * ```ts
 * const settings: ClientSettings = clientSettings(client);
 * ```
 */
export interface ClientSettings {
  readonly tableName: string;
  readonly partitionKeyName: string;
  readonly sortKeyName: string | undefined;
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly safetyMarginMs: number;
  readonly dangerZoneMs: number;
  readonly requestTimeoutMs: number;
  readonly ttlRetentionMs: number;
  readonly pollMs: number;
  /** The skew bound of wall-clock takeover; `undefined` when it is off. */
  readonly maxSkewMs: number | undefined;
  readonly maxWatchedLocks: number;
}

/**
 * The settings a LockClient runs with, defaults applied.
 *
 * @example
 * ```ts
 * import { clientSettings } from '@ddb-lock/runtime/admin';
 * console.log(clientSettings(new LockClient({ tableName: 'locks' })).heartbeatMs); // 5000
 * ```
 */
export function clientSettings(client: LockClient): ClientSettings {
  const { observers: _observers, clock: _clock, ownerName: _ownerName, ...settings } = clientInternals(client).options;
  return { ...settings };
}
