import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import type { LockAccessOptions } from './lock-access-options';
import type { LockGrantOptions } from './lock-grant-options';
import type { LockTableGrants } from './lock-table-grants';

/**
 * A DynamoDB table that holds ddb-lock items: one made by `DistributedLockTable`, or one made
 * elsewhere and imported with `DistributedLockTable.fromTableName` / `fromTableArn`.
 *
 * @example
 * declare const locks: ILockTable;
 * declare const fn: lambda.Function;
 *
 * locks.bindTo(fn);
 */
export interface ILockTable extends IConstruct {
  /**
   * Name of the table.
   *
   * @attribute
   */
  readonly tableName: string;

  /**
   * ARN of the table.
   *
   * @attribute
   */
  readonly tableArn: string;

  /**
   * The customer managed key that encrypts the table, if any.
   */
  readonly encryptionKey?: kms.IKey;

  /** Least-privilege grants on this table. */
  readonly grants: LockTableGrants;

  /**
   * Allow the grantee to take, renew and release locks (exactly the runtime's item actions, less
   * the optional features `options` drops). When the grantee is a Lambda `Function`, also set its
   * `DDB_LOCK_TABLE_NAME` to this table, which `withLock` and the batch handlers read when no
   * table name is passed — unless another lock table already set it (then a synth warning).
   *
   * @param grantee the principal, e.g. a Lambda function
   * @param options optional key restriction (`keyPrefix` or `exactKeys`); features to leave out
   */
  grantLockAccess(grantee: iam.IGrantable, options?: LockGrantOptions): iam.Grant;

  /**
   * Allow the grantee to read locks (`getLock`: GetItem; `listLocks`: Query and Scan), read only.
   *
   * @param grantee the principal, e.g. a dashboard's role
   * @param options optional key restriction (then no Scan)
   */
  grantLockInspection(grantee: iam.IGrantable, options?: LockAccessOptions): iam.Grant;

  /**
   * Allow the grantee what the `ddb-lock` CLI's operator commands send — `ls`, `inspect`,
   * `watch`, `release --fence`, `release --force`: GetItem, Scan and UpdateItem. For on-call roles.
   *
   * @param grantee the principal, e.g. an operator role
   * @param options optional key restriction (then no Scan: `ls` and `watch` without KEY are refused)
   */
  grantLockOperation(grantee: iam.IGrantable, options?: LockAccessOptions): iam.Grant;

  /**
   * Wire a Lambda function to this table in one call: set the environment variable
   * `DDB_LOCK_TABLE_NAME` (`LockItemSchema.TABLE_NAME_ENV_VAR`), which the runtime's `withLock`
   * middleware reads when no table name is passed to it, and grant lock access. Unlike
   * `grantLockAccess`, it points the variable at this table even when another lock table set it.
   *
   * Never widens a grant: when the function already has a key-restricted `grantLockAccess` on this
   * table, `bindTo(fn)` without options grants nothing more (the restriction stands). Without an
   * earlier grant it grants every key; with options it grants those keys.
   *
   * @param fn the function that takes locks
   * @param options optional key restriction (`keyPrefix` or `exactKeys`)
   */
  bindTo(fn: lambda.Function, options?: LockGrantOptions): iam.Grant;
}
