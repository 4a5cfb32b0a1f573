import { internalRegistry } from '../internal-registry.js';
import type { LockProtocol } from '../protocol/lock-protocol.js';
import type { AcquireOptions } from './acquire-options.js';
import type { WaitResult } from './acquire-outcome.js';
import type { ResolvedClientOptions } from './lock-client-options.js';
import type { WatchMemory } from './watch-memory.js';

/**
 * What the admin functions, the Lambda integrations and the fencing code need of a LockClient:
 * kept beside the client (in a WeakMap), not on it, so it is no public member and none of it
 * ships with code that does not import this module.
 *
 * @example
 * ```ts
 * const { options } = clientInternals(client);
 * ```
 */
export interface ClientInternals {
  /** The options after defaults. */
  readonly options: ResolvedClientOptions;
  /** The client's requests. */
  readonly protocol: LockProtocol;
  /** What the client has watched across calls. */
  readonly watches: WatchMemory;
  /**
   * One write for a semaphore permit through the client's own acquire path (`tryAcquire`'s: the
   * watch memory, both takeover rules, lost-response recognition, observers), with the
   * semaphore's size `permits` written on the item and required of it. The wait result, not an
   * error, when busy: the semaphore decides across its permits.
   */
  readonly tryPermit: (key: string, options: AcquireOptions, permits: number) => Promise<WaitResult>;
}

const registry = internalRegistry<ClientInternals>('a LockClient');

/**
 * Registers a client's internals (the LockClient constructor does).
 *
 * @example
 * ```ts
 * registerClientInternals(this, { options, protocol, watches });
 * ```
 */
export function registerClientInternals(client: object, internals: ClientInternals): void {
  registry.set(client, internals);
}

/**
 * The internals of a LockClient; LockValidationError for anything else.
 *
 * @example
 * ```ts
 * const { protocol } = clientInternals(client);
 * ```
 */
export function clientInternals(client: unknown): ClientInternals {
  return registry.of(client);
}
