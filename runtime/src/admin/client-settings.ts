import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import type { ResolvedClientOptions } from '../client/lock-client-options.js';

/**
 * A LockClient's settings after defaults — table and key names, lease, heartbeat, margin, danger
 * zone, request timeout, TTL retention, poll, `maxSkewMs` (undefined when wall-clock takeover is
 * off), watch capacity: what operator tools show and derive from. A copy: changing it changes nothing.
 *
 * @example
 * ```ts
 * const settings: ClientSettings = clientSettings(client);
 * ```
 */
export type ClientSettings = Readonly<Omit<ResolvedClientOptions, 'observers' | 'clock' | 'ownerName'>>;

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
