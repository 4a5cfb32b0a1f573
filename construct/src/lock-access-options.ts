/**
 * Options for `grantLockAccess`, `grantLockInspection` and `bindTo`: which lock keys the grant
 * covers. Give at most one of `keyPrefix` and `exactKeys`; give neither for every key.
 *
 * @example
 * declare const table: DistributedLockTable;
 * declare const fn: lambda.Function;
 *
 * table.grantLockAccess(fn, { keyPrefix: 'orders/' });
 * table.grantLockAccess(fn, { exactKeys: ['nightly-report'] });
 */
export interface LockAccessOptions {
  /**
   * Only lock keys (partition key values) that start with this prefix.
   *
   * Adds `"ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["<prefix>*"] }`. The prefix must
   * end with a delimiter (`/`, `#` or `:`): `nightly-report*` would also match
   * `nightly-reports-archive`, so `nightly-report` is refused and `nightly-report/` is not. For
   * one key without a delimiter use `exactKeys`. Must not contain `*`, `?` or `${`.
   *
   * @default - every key, unless `exactKeys` is given
   */
  readonly keyPrefix?: string;

  /**
   * Only these lock keys (partition key values), exactly: the escape hatch for keys that do not
   * share a delimited prefix.
   *
   * Adds `"ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [...] }`. Must not contain `${`
   * (an IAM policy variable).
   *
   * @default - every key, unless `keyPrefix` is given
   */
  readonly exactKeys?: string[];
}
