import type { AcquireOptions } from '../client/acquire-options.js';

/**
 * Options of a {@link Semaphore}.
 *
 * @example
 * ```ts
 * const options: SemaphoreOptions = { permits: 5 };
 * ```
 */
export interface SemaphoreOptions {
  /** How many holders at most (N), 1 … 100: every client of one semaphore must say the same. */
  readonly permits: number;
}

/**
 * Options of `Semaphore.acquire`: the lock's, where they make sense for a permit. Refused with
 * LockValidationError before any request: `sortKey` (the semaphore keys its permits),
 * `reentrant` (one owner may hold several permits, each its own lock) and `deleteOnRelease`
 * (a permit's item keeps the size and fence the semaphore's guarantees rest on).
 *
 * @example
 * ```ts
 * await semaphore.acquire({ waitMs: 10_000, leaseMs: 30_000, data: 'export 2026-12' });
 * ```
 */
export type PermitOptions = Omit<AcquireOptions, 'sortKey' | 'reentrant' | 'deleteOnRelease'>;

/** Every option name `acquire` takes. */
export const PERMIT_OPTION_NAMES = [
  'waitMs',
  'pollMs',
  'signal',
  'data',
  'replaceData',
  'leaseMs',
  'autoHeartbeat',
  'renewWhile',
  'maxLeaseMs',
  'onLost',
  'onDanger',
] as const;

/** Why each lock option a permit refuses is refused (the error says it). */
export const REFUSED_PERMIT_OPTIONS: Readonly<Record<string, string>> = {
  sortKey: 'the semaphore keys its permits itself',
  reentrant: 'an owner may hold several permits, each its own lock',
  deleteOnRelease: "a permit's item keeps the semaphore's size and the fence",
};
