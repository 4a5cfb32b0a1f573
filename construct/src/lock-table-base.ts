import { Annotations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { ILockTable } from './ilock-table';
import type { LockAccessOptions } from './lock-access-options';
import type { LockGrantOptions } from './lock-grant-options';
import { LockItemSchema } from './lock-item-schema';
import type { LockTableGrants } from './lock-table-grants';

/** Which lock table set a function's DDB_LOCK_TABLE_NAME: one variable, so one table per function. */
const TABLE_NAME_SET_BY = new WeakMap<lambda.Function, LockTableBase>();

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

  /** Lock access granted through this table, per principal: whether to every key, and the grants. */
  private readonly lockAccessByPrincipal = new Map<iam.IPrincipal, { allKeys: boolean; grant: iam.Grant }>();

  /**
   * Allow the grantee to take, renew and release locks (exactly the runtime's item actions, less
   * the optional features `options` drops); a Lambda `Function` also gets `DDB_LOCK_TABLE_NAME`
   * unless another lock table set it first.
   *
   * @param grantee the principal, e.g. a Lambda function
   * @param options optional key restriction (`keyPrefix` or `exactKeys`); features to leave out
   */
  public grantLockAccess(grantee: iam.IGrantable, options: LockGrantOptions = {}): iam.Grant {
    // A function granted lock access but not told the table fails at its first invocation, long
    // after synth; the variable is what the runtime's zero-configuration path reads.
    if (grantee instanceof lambda.Function) this.setTableName(grantee, false);
    const grant = this.grants.lockAccess(grantee, options);
    const allKeys = options.keyPrefix === undefined && options.exactKeys === undefined;
    const earlier = this.lockAccessByPrincipal.get(grantee.grantPrincipal);
    if (earlier?.allKeys && !allKeys) {
      // IAM allows are a union: a later, narrower statement restricts nothing.
      Annotations.of(this).addWarningV2(
        '@ddb-lock/construct:restrictionAfterAllKeys',
        `grantLockAccess with a key restriction on ${grantee.grantPrincipal} after it was granted every key: ` +
          'the restriction has no effect.',
      );
    }
    this.lockAccessByPrincipal.set(grantee.grantPrincipal, {
      allKeys: allKeys || (earlier?.allKeys ?? false),
      grant: earlier ? earlier.grant.combine(grant) : grant,
    });
    return grant;
  }

  /**
   * Allow the grantee to read locks (GetItem, Query and Scan), read only.
   *
   * @param grantee the principal, e.g. a dashboard's role
   * @param options optional key restriction (then no Scan)
   */
  public grantLockInspection(grantee: iam.IGrantable, options?: LockAccessOptions): iam.Grant {
    return this.grants.lockInspection(grantee, options);
  }

  /**
   * Allow the grantee what the `ddb-lock` CLI's operator commands send (GetItem, Scan, UpdateItem).
   *
   * @param grantee the principal, e.g. an operator role
   * @param options optional key restriction (then no Scan)
   */
  public grantLockOperation(grantee: iam.IGrantable, options?: LockAccessOptions): iam.Grant {
    return this.grants.lockOperation(grantee, options);
  }

  /**
   * Set `DDB_LOCK_TABLE_NAME` to this table's name and grant lock access, never wider than a
   * key-restricted grant the function already has on this table.
   *
   * @param fn the function that takes locks
   * @param options optional key restriction (`keyPrefix` or `exactKeys`)
   */
  public bindTo(fn: lambda.Function, options: LockGrantOptions = {}): iam.Grant {
    this.setTableName(fn, true);
    const restricted = options.keyPrefix !== undefined || options.exactKeys !== undefined;
    const earlier = this.lockAccessByPrincipal.get(fn.grantPrincipal);
    // Safe default: `bindTo(fn)` after `grantLockAccess(fn, { keyPrefix })` keeps the prefix.
    // Granting every key here would silently undo the restriction the caller just made.
    if (!restricted && earlier !== undefined) return earlier.grant;
    return this.grantLockAccess(fn, options);
  }

  /**
   * Points `fn`'s DDB_LOCK_TABLE_NAME at this table. A function has one such variable: a grant
   * (`explicit` false) never moves it from another lock table, `bindTo` does; both say so.
   */
  private setTableName(fn: lambda.Function, explicit: boolean): void {
    const earlier = TABLE_NAME_SET_BY.get(fn);
    if (earlier === this) return;
    if (earlier !== undefined) {
      Annotations.of(fn).addWarningV2(
        '@ddb-lock/construct:tableNameOfAnotherTable',
        `${fn.node.path} locks on ${earlier.node.path} and ${this.node.path}: ${LockItemSchema.TABLE_NAME_ENV_VAR} ` +
          `${explicit ? 'now names' : 'still names'} ${explicit ? this.node.path : earlier.node.path}; ` +
          'pass { tableName } in code for the other.',
      );
      if (!explicit) return;
    }
    TABLE_NAME_SET_BY.set(fn, this);
    fn.addEnvironment(LockItemSchema.TABLE_NAME_ENV_VAR, this.tableName);
  }
}
