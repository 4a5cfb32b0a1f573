import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { ILockTable } from './ilock-table';
import { LockItemSchema } from './lock-item-schema';
import { LockTableBase } from './lock-table-base';
import type { LockTableEncryption } from './lock-table-encryption';
import { LockTableGrants } from './lock-table-grants';
import { LockTableValidationError } from './private/lock-table-validation-error';
import { validateMrscRegions } from './private/mrsc-rules';
import { renderEncryption } from './private/render-encryption';
import { assertStronglyConsistent, validateReplicaConsistency } from './private/replica-consistency';
import { validateLockTableProps } from './private/validate-props';

/**
 * Properties of a `DistributedLockTable`. All optional: the defaults make a table the runtime
 * can use as is.
 *
 * @example
 * const props: DistributedLockTableProps = {
 *   tableName: 'locks',
 *   deletionProtection: false,
 *   removalPolicy: RemovalPolicy.DESTROY,
 * };
 */
export interface DistributedLockTableProps {
  /**
   * Physical table name.
   *
   * @default - CloudFormation generates a unique name
   */
  readonly tableName?: string;

  /**
   * Add a sort key `sk` (type S) next to the partition key `pk`, for lock keys with two parts.
   *
   * @default false - partition key `pk` only
   */
  readonly enableSortKey?: boolean;

  /**
   * Billing mode and capacity.
   *
   * @default Billing.onDemand()
   */
  readonly billing?: dynamodb.Billing;

  /**
   * Which key encrypts the table at rest.
   *
   * @default - `CUSTOMER_MANAGED` when `encryptionKey` is set, otherwise `AWS_OWNED`
   */
  readonly encryption?: LockTableEncryption;

  /**
   * Customer managed KMS key for `CUSTOMER_MANAGED` encryption.
   *
   * @default - with `CUSTOMER_MANAGED`, a new key with rotation enabled; otherwise none
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * KMS key ARNs per replica Region (Region name to key ARN), for `CUSTOMER_MANAGED` encryption
   * of a replicated table.
   *
   * @default - none
   */
  readonly replicaKeyArns?: { [region: string]: string };

  /**
   * Refuse `DeleteTable` calls (including CloudFormation's) until turned off.
   *
   * @default true - the table holds fencing tokens that must survive to stay monotonic
   */
  readonly deletionProtection?: boolean;

  /**
   * What CloudFormation does with the table when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Days of point-in-time recovery (1 to 35). Point-in-time recovery is always on.
   *
   * @default 35
   */
  readonly pointInTimeRecoveryPeriodInDays?: number;

  /**
   * Replica Regions. Only allowed with `multiRegionConsistency: STRONG`; anything else is
   * refused at synth, since eventually consistent Regions could grant one lock twice.
   *
   * @default - no replicas
   */
  readonly replicas?: dynamodb.ReplicaTableProps[];

  /**
   * Consistency of a replicated table. Must be `STRONG` when `replicas` are given. A strongly
   * consistent table spans exactly three Regions of one Region set (the stack's Region and two
   * `replicas`, or one replica and a `witnessRegion`), and has no TTL (DynamoDB offers TTL only
   * with eventual consistency).
   *
   * @default - none (a single-Region table)
   */
  readonly multiRegionConsistency?: dynamodb.MultiRegionConsistency;

  /**
   * Witness Region of a strongly consistent table with two replicas (primary plus one).
   *
   * @default - no witness
   */
  readonly witnessRegion?: string;
}

/**
 * Attributes of a lock table made elsewhere. Give `tableName` or `tableArn`, not both.
 *
 * @example
 * declare const key: kms.IKey;
 *
 * const locks = DistributedLockTable.fromTableAttributes(this, 'Locks', {
 *   tableName: 'locks',
 *   encryptionKey: key,
 * });
 */
export interface LockTableAttributes {
  /**
   * Table name; the ARN is built in this stack's account and Region.
   *
   * @default - derived from `tableArn`
   */
  readonly tableName?: string;

  /**
   * Table ARN.
   *
   * @default - built from `tableName`
   */
  readonly tableArn?: string;

  /**
   * The customer managed key that encrypts the table, so grants include the key actions.
   *
   * @default - none (AWS owned or AWS managed key)
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * A DynamoDB table for ddb-lock: partition key `pk`, TTL on `ttl` (not on strongly consistent
 * multi-Region tables, where DynamoDB has no TTL), point-in-time recovery on,
 * on-demand billing, deletion protection on and retained on stack deletion by default.
 *
 * @example
 * declare const fn: lambda.Function;
 *
 * const locks = new DistributedLockTable(this, 'Locks');
 * locks.bindTo(fn); // grants the lock actions and sets DDB_LOCK_TABLE_NAME
 */
export class DistributedLockTable extends LockTableBase {
  /**
   * Import a lock table by name (same account and Region as the stack).
   *
   * @param scope parent construct
   * @param id construct id
   * @param tableName name of the existing table
   */
  public static fromTableName(scope: Construct, id: string, tableName: string): ILockTable {
    return DistributedLockTable.fromTableAttributes(scope, id, { tableName });
  }

  /**
   * Import a lock table by ARN.
   *
   * @param scope parent construct
   * @param id construct id
   * @param tableArn ARN of the existing table
   */
  public static fromTableArn(scope: Construct, id: string, tableArn: string): ILockTable {
    return DistributedLockTable.fromTableAttributes(scope, id, { tableArn });
  }

  /**
   * Import a lock table by name or ARN, with its customer managed key if it has one.
   *
   * @param scope parent construct
   * @param id construct id
   * @param attrs the table's name or ARN, and key
   */
  public static fromTableAttributes(scope: Construct, id: string, attrs: LockTableAttributes): ILockTable {
    if ((attrs.tableName === undefined) === (attrs.tableArn === undefined)) {
      throw new LockTableValidationError('DistributedLockTable.fromTableAttributes: give exactly one of tableName or tableArn.');
    }
    const stack = Stack.of(scope);
    const tableArn = attrs.tableArn ?? stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: attrs.tableName });
    const tableName = attrs.tableName ?? stack.splitArn(tableArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName;
    if (tableName === undefined) {
      throw new LockTableValidationError(
        `DistributedLockTable.fromTableArn: "${tableArn}" is not a table ARN (arn:<partition>:dynamodb:<region>:<account>:table/<name>).`,
      );
    }

    class Import extends LockTableBase {
      public readonly tableName = tableName!;
      public readonly tableArn = tableArn;
      public readonly encryptionKey = attrs.encryptionKey;
      public readonly grants = new LockTableGrants({ tableArn, encryptionKey: attrs.encryptionKey });
    }
    return new Import(scope, id);
  }

  /** Name of the table. */
  public readonly tableName: string;

  /** ARN of the table. */
  public readonly tableArn: string;

  /** The customer managed key that encrypts the table, if any. */
  public readonly encryptionKey?: kms.IKey;

  /** Least-privilege grants on this table. */
  public readonly grants: LockTableGrants;

  /** The underlying table, as an escape hatch. Adding eventually consistent replicas to it fails synth. */
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: DistributedLockTableProps = {}) {
    super(scope, id);
    validateLockTableProps(props);
    assertStronglyConsistent(props.replicas, props.multiRegionConsistency);
    const strong = props.multiRegionConsistency === dynamodb.MultiRegionConsistency.STRONG;
    if (strong) {
      validateMrscRegions({
        primary: Stack.of(this).region,
        replicas: (props.replicas ?? []).map((r) => r.region),
        witness: props.witnessRegion,
      });
    }
    const { encryption, key } = renderEncryption(this, props.encryption, props.encryptionKey, props.replicaKeyArns);

    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: LockItemSchema.PARTITION_KEY_NAME, type: dynamodb.AttributeType.STRING },
      sortKey: props.enableSortKey ? { name: LockItemSchema.SORT_KEY_NAME, type: dynamodb.AttributeType.STRING } : undefined,
      // DynamoDB offers TTL only on eventually consistent global tables, so a strongly consistent
      // (MRSC) lock table has none: released and abandoned items stay until deleted (README,
      // "Multi-Region"). Correctness never rests on TTL.
      timeToLiveAttribute: strong ? undefined : LockItemSchema.TTL_ATTRIBUTE_NAME,
      // Always on, not a prop: it is the baseline control for accidental bulk writes or deletes,
      // and cdk-nag's PITR rule cannot see TableV2, so nothing else would catch it being off.
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: props.pointInTimeRecoveryPeriodInDays,
      },
      billing: props.billing ?? dynamodb.Billing.onDemand(),
      encryption,
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      replicas: props.replicas,
      multiRegionConsistency: props.multiRegionConsistency,
      witnessRegion: props.witnessRegion,
    });
    validateReplicaConsistency(this, this.table);

    this.tableName = this.table.tableName;
    this.tableArn = this.table.tableArn;
    this.encryptionKey = key;
    this.grants = new LockTableGrants({
      tableArn: this.tableArn,
      // A function in a replica Region locks against its local replica.
      replicaTableArns: (props.replicas ?? []).map((r) => this.table.replica(r.region).tableArn),
      encryptionKey: key,
    });
  }
}
