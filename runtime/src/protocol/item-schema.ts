/**
 * The lock item's attribute names and the environment variable that names the table.
 *
 * Duplicated on purpose in `@ddb-lock/construct` (the two packages never import each other);
 * a test asserts both copies are equal, so change them together.
 *
 * @example
 * ```ts
 * import { LOCK_ITEM_SCHEMA } from '@ddb-lock/runtime';
 * console.log(LOCK_ITEM_SCHEMA.partitionKeyName); // "pk"
 * ```
 */
export const LOCK_ITEM_SCHEMA = {
  /** Partition key attribute (type S). */
  partitionKeyName: 'pk',
  /** Sort key attribute when the table has one (type S). */
  sortKeyName: 'sk',
  /** TTL attribute, epoch seconds. */
  ttlAttributeName: 'ttl',
  /** Environment variable the construct's `bindTo` sets and the middleware reads. */
  tableNameEnvVar: 'DDB_LOCK_TABLE_NAME',
} as const;

/**
 * Names of the non-key attributes the client writes. Not configurable: they are the protocol.
 *
 * @example
 * ```ts
 * import { LOCK_ATTRIBUTES } from '@ddb-lock/runtime';
 * const holder = item[LOCK_ATTRIBUTES.owner]?.S;
 * ```
 */
export const LOCK_ATTRIBUTES = {
  owner: 'owner',
  recordVersion: 'rvn',
  fence: 'fence',
  leaseMs: 'leaseMs',
  expiresAt: 'expiresAt',
  released: 'released',
  data: 'data',
  /** Heartbeat number within the grant: a late copy of an older heartbeat must not land. */
  beat: 'beat',
  /** Fair waiting: the waiters' places, oldest first (a list of {@link QUEUE_PLACE_FIELDS} maps). */
  queue: 'q',
  /** Semaphore permits only: the semaphore's size N as its clients agreed it (see the acquire's `permits`). */
  permits: 'permits',
} as const;

/**
 * Fields of one place in the waiter queue: the waiter's id and when its place expires (the
 * waiter's wall clock in ms; it renews the place while it waits).
 *
 * @example
 * ```ts
 * const head = item[LOCK_ATTRIBUTES.queue]?.L?.[0]?.M?.[QUEUE_PLACE_FIELDS.id]?.S;
 * ```
 */
export const QUEUE_PLACE_FIELDS = { id: 'id', expiresAt: 'exp' } as const;
