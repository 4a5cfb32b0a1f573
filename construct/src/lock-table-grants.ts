import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { LockAccessOptions } from './lock-access-options';
import type { LockGrantOptions } from './lock-grant-options';
import { leadingKeysCondition } from './private/leading-keys-condition';

/**
 * Where the grants point.
 *
 * @example
 * declare const key: kms.IKey;
 *
 * const grants = new LockTableGrants({
 *   tableArn: 'arn:aws:dynamodb:us-east-1:111122223333:table/locks',
 *   encryptionKey: key,
 * });
 */
export interface LockTableGrantsProps {
  /** ARN of the lock table. */
  readonly tableArn: string;

  /**
   * ARNs of the same table in replica Regions (strongly consistent global tables), so a function
   * in any of those Regions can lock against its local replica.
   *
   * @default - none
   */
  readonly replicaTableArns?: string[];

  /**
   * The customer managed key that encrypts the table; grants then include the key actions.
   *
   * @default - no KMS permissions (AWS owned or AWS managed key)
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * Least-privilege IAM grants on a lock table.
 *
 * `lockAccess` allows exactly the item actions the ddb-lock runtime sends (fewer with
 * `LockGrantOptions`); `lockInspection` only reading lock items; `lockOperation` exactly what the
 * `ddb-lock` CLI's operator commands send (ls, inspect, watch, release). Nothing allows table
 * administration.
 *
 * @example
 * declare const table: DistributedLockTable;
 * declare const fn: lambda.Function;
 *
 * table.grants.lockAccess(fn, { keyPrefix: 'tenant-a/' });
 */
export class LockTableGrants {
  /**
   * The item actions the runtime sends to the lock table, and no more: acquire, heartbeat and
   * release are conditional UpdateItems, delete-on-release a conditional DeleteItem, the read-back
   * after a lost response a consistent GetItem, and `guardedTransaction` a ConditionCheck inside
   * TransactWriteItems (IAM authorises each item of a transaction by its own action), and a
   * semaphore's read of all its permits one consistent BatchGetItem. No PutItem:
   * the runtime never sends one to the lock table. `npm run test:least-privilege` records what the
   * runtime's integration suite sends and compares it with this list.
   */
  public static readonly LOCK_ACTIONS: string[] = [
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchGetItem',
  ];

  /**
   * The runtime's read-only admin functions: `getLock` (a consistent GetItem), `listLocks`
   * (Query of one partition, or Scan) and a semaphore's `holders()` (one BatchGetItem).
   */
  public static readonly INSPECTION_ACTIONS: string[] = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'];

  /**
   * What the `ddb-lock` CLI's operator commands send: `ls` and `watch` a Scan, `inspect` and
   * `watch KEY` a consistent GetItem, `release --fence` and `release --force` a GetItem then the
   * holder's own conditional UpdateItem. No DeleteItem (a release keeps the item, so the next
   * fence is larger), no PutItem. `npm run test:least-privilege` records what the CLI's tests
   * send through a proxy and compares it with this list.
   */
  public static readonly OPERATION_ACTIONS: string[] = ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'];

  /**
   * The lock actions a function needs with these options: `LOCK_ACTIONS`, without `DeleteItem`
   * when `allowDeleteOnRelease` is false and without `ConditionCheckItem` when
   * `allowGuardedTransactions` is false.
   *
   * @param options which optional features the function uses
   */
  public static lockActionsFor(options: LockGrantOptions = {}): string[] {
    return LockTableGrants.LOCK_ACTIONS.filter(
      (a) =>
        !(a === 'dynamodb:DeleteItem' && options.allowDeleteOnRelease === false) &&
        !(a === 'dynamodb:ConditionCheckItem' && options.allowGuardedTransactions === false),
    );
  }

  /** Key actions DynamoDB needs from the caller for reads of a customer-key table. */
  public static readonly KEY_READ_ACTIONS: string[] = ['kms:Decrypt', 'kms:DescribeKey'];

  /**
   * Key actions DynamoDB needs from the caller for writes to a customer-key table. CDK's own
   * grants use `kms:ReEncrypt*` and `kms:GenerateDataKey*`; spelled out here (the symmetric-key
   * actions those cover) so the policy has no wildcard to acknowledge in cdk-nag.
   */
  public static readonly KEY_WRITE_ACTIONS: string[] = [
    'kms:Encrypt',
    'kms:ReEncryptFrom',
    'kms:ReEncryptTo',
    'kms:GenerateDataKey',
    'kms:GenerateDataKeyWithoutPlaintext',
  ];

  private readonly resourceArns: string[];
  private readonly encryptionKey?: kms.IKey;

  constructor(props: LockTableGrantsProps) {
    this.resourceArns = [props.tableArn, ...(props.replicaTableArns ?? [])];
    this.encryptionKey = props.encryptionKey;
  }

  /**
   * Allow the grantee to acquire, heartbeat, release and fence locks: exactly `LOCK_ACTIONS`
   * on the table, less what `options` drops (plus the key actions when a customer managed key
   * encrypts it).
   *
   * @param grantee the principal, e.g. a Lambda function
   * @param options optional key restriction; optional features to leave out
   */
  public lockAccess(grantee: iam.IGrantable, options: LockGrantOptions = {}): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: LockTableGrants.lockActionsFor(options),
      resourceArns: this.resourceArns,
      conditions: leadingKeysCondition(options),
    });
    return this.withKey(grant, grantee, [...LockTableGrants.KEY_READ_ACTIONS, ...LockTableGrants.KEY_WRITE_ACTIONS]);
  }

  /**
   * Allow the grantee to read locks (`getLock`, `listLocks`): dashboards, read-only audits, and
   * the CLI's `ls`, `inspect` and `watch`. Read only: `ddb-lock release` needs `lockOperation`.
   *
   * With `keyPrefix` or `exactKeys`, Scan is left out: a Scan request carries no partition key,
   * and a `ForAllValues` condition on a missing key is true, so Scan would see every key.
   *
   * @param grantee the principal, e.g. an operator role
   * @param options optional key restriction
   */
  public lockInspection(grantee: iam.IGrantable, options: LockAccessOptions = {}): iam.Grant {
    const conditions = leadingKeysCondition(options);
    const actions =
      conditions === undefined
        ? LockTableGrants.INSPECTION_ACTIONS
        : LockTableGrants.INSPECTION_ACTIONS.filter((a) => a !== 'dynamodb:Scan');
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: this.resourceArns,
      conditions,
    });
    return this.withKey(grant, grantee, LockTableGrants.KEY_READ_ACTIONS);
  }

  /**
   * Allow the grantee what the `ddb-lock` CLI's operator commands send: list, inspect, watch and
   * release (`--fence` or `--force`) locks — `OPERATION_ACTIONS`. For an on-call role. With
   * `keyPrefix` or `exactKeys`, Scan is left out (as for `lockInspection`), so `ls` and `watch`
   * without a KEY are refused; `inspect`, `watch KEY` and `release` work on those keys.
   *
   * @param grantee the principal, e.g. an operator role
   * @param options optional key restriction
   */
  public lockOperation(grantee: iam.IGrantable, options: LockAccessOptions = {}): iam.Grant {
    const conditions = leadingKeysCondition(options);
    const actions =
      conditions === undefined ? LockTableGrants.OPERATION_ACTIONS : LockTableGrants.OPERATION_ACTIONS.filter((a) => a !== 'dynamodb:Scan');
    const grant = iam.Grant.addToPrincipal({ grantee, actions, resourceArns: this.resourceArns, conditions });
    return this.withKey(grant, grantee, [...LockTableGrants.KEY_READ_ACTIONS, ...LockTableGrants.KEY_WRITE_ACTIONS]);
  }

  private withKey(grant: iam.Grant, grantee: iam.IGrantable, keyActions: string[]): iam.Grant {
    return this.encryptionKey ? grant.combine(this.encryptionKey.grant(grantee, ...keyActions)) : grant;
  }
}
