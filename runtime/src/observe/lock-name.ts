/**
 * Maps a lock key to the name metrics carry. Metrics are priced and indexed per dimension value,
 * so a name must be low-cardinality: never the raw key (`customer#42`), its kind (`customer`).
 *
 * @example
 * ```ts
 * const byTenant: LockNameFn = (key) => key.split('/')[1] ?? 'other';
 * ```
 */
export type LockNameFn = (key: string) => string;

/**
 * The default {@link LockNameFn}: the key's prefix up to its first `#`, `/` or `:`
 * (`customer#42` → `customer`, `orders/2026/11` → `orders`); `other` for keys without one, which
 * may be anything (an id, a file name).
 *
 * @example
 * ```ts
 * defaultLockName('customer#42'); // 'customer'
 * defaultLockName('42');          // 'other'
 * ```
 */
export const defaultLockName: LockNameFn = (key) => {
  const match = /^([^#/:]+)[#/:]/.exec(key);
  return match ? match[1]! : 'other';
};
