/**
 * The lock item's key and TTL attribute names, and the environment variable that carries the
 * table name to a function.
 *
 * Duplicated on purpose from `@ddb-lock/runtime` (`LOCK_ITEM_SCHEMA` in
 * `runtime/src/protocol/item-schema.ts`): the packages never import each other, and a test asserts
 * both copies are equal, so change them together. A class with static members because jsii
 * exposes no plain exported constants to other languages.
 *
 * @example
 * import { LockItemSchema } from '@ddb-lock/construct';
 *
 * const envVar = LockItemSchema.TABLE_NAME_ENV_VAR; // "DDB_LOCK_TABLE_NAME"
 */
export class LockItemSchema {
  /** Partition key attribute (type S): the lock key. */
  public static readonly PARTITION_KEY_NAME = 'pk';

  /** Sort key attribute (type S), when the table is made with `enableSortKey`. */
  public static readonly SORT_KEY_NAME = 'sk';

  /** TTL attribute: epoch seconds, used only to clean up abandoned lock items. */
  public static readonly TTL_ATTRIBUTE_NAME = 'ttl';

  /**
   * Environment variable that `bindTo` sets to the table name and the runtime's middleware reads.
   */
  public static readonly TABLE_NAME_ENV_VAR = 'DDB_LOCK_TABLE_NAME';

  private constructor() {}
}
