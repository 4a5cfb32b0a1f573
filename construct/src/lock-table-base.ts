import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ILockTable } from './ilock-table';
import { LockItemSchema } from './lock-item-schema';
import { LockAccessOptions, LockTableGrants } from './lock-table-grants';

/**
 * What a made and an imported lock table share: the grant methods and `bindTo`.
 *
 * @example
 * declare const table: LockTableBase;
 * declare const fn: lambda.Function;
 *
 * table.grantLockAccess(fn);
 */
export abstract class LockTableBase extends Construct implements ILockTable {
  /** Name of the table. */
  public abstract readonly tableName: string;

  /** ARN of the table. */
  public abstract readonly tableArn: string;

  /** The customer managed key that encrypts the table, if any. */
  public abstract readonly encryptionKey?: kms.IKey;

  /** Least-privilege grants on this table. */
  public abstract readonly grants: LockTableGrants;

  /**
   * Allow the grantee to take, renew and release locks (exactly the runtime's item actions).
   *
   * @param grantee the principal, e.g. a Lambda function
   * @param options optional `keyPrefix` restriction
   */
  public grantLockAccess(grantee: iam.IGrantable, options?: LockAccessOptions): iam.Grant {
    return this.grants.lockAccess(grantee, options);
  }

  /**
   * Allow the grantee to list locks (Query and Scan), read only.
   *
   * @param grantee the principal, e.g. an operator role
   * @param options optional `keyPrefix` restriction (Query only)
   */
  public grantLockInspection(grantee: iam.IGrantable, options?: LockAccessOptions): iam.Grant {
    return this.grants.lockInspection(grantee, options);
  }

  /**
   * Grant lock access to the function and set `DDB_LOCK_TABLE_NAME` to this table's name.
   *
   * @param fn the function that takes locks
   * @param options optional `keyPrefix` restriction
   */
  public bindTo(fn: lambda.Function, options?: LockAccessOptions): iam.Grant {
    fn.addEnvironment(LockItemSchema.TABLE_NAME_ENV_VAR, this.tableName);
    return this.grantLockAccess(fn, options);
  }
}
