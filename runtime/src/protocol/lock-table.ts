/**
 * Where lock items live and how they are keyed: all a request builder needs from the client's
 * options (the resolved options satisfy it).
 *
 * @example
 * ```ts
 * const table: LockTable = { tableName: 'locks', partitionKeyName: 'pk', sortKeyName: undefined, ttlRetentionMs: 86_400_000 };
 * ```
 */
export interface LockTable {
  readonly tableName: string;
  readonly partitionKeyName: string;
  /** Set exactly when the table has a sort key. */
  readonly sortKeyName: string | undefined;
  /** How long after a lease ends TTL may remove the item. */
  readonly ttlRetentionMs: number;
}
