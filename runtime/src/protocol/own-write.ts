import type { LockInfo } from './lock-info.js';

/**
 * When an item read after an ambiguous or refused acquire is our own write — a retry whose first
 * response was lost fails its condition against our own item — the monotonic time that write was
 * sent (validity counts from there); `undefined` when the item is someone else's.
 *
 * @example
 * ```ts
 * const sentAt = ownWriteSentAt(current, client.ownerName, sentVersions);
 * if (sentAt !== undefined) adopt(current, sentAt);
 * ```
 */
export function ownWriteSentAt(item: LockInfo | undefined, owner: string, sentVersions: ReadonlyMap<string, number>): number | undefined {
  return item && !item.released && item.owner === owner ? sentVersions.get(item.recordVersion) : undefined;
}
