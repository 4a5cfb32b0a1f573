import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { LockTableEncryption } from '../lock-table-encryption';
import { LockTableValidationError } from './lock-table-validation-error';

/** The TableV2 encryption and the key grants must cover, for a chosen encryption. */
export interface RenderedEncryption {
  readonly encryption: dynamodb.TableEncryptionV2;
  readonly key?: kms.IKey;
}

/**
 * Turns the construct's simple encryption choice into TableV2's, creating a rotated key when a
 * customer managed key is asked for without one.
 */
export function renderEncryption(
  scope: Construct,
  choice: LockTableEncryption | undefined,
  key: kms.IKey | undefined,
  replicaKeyArns: { [region: string]: string } | undefined,
): RenderedEncryption {
  const effective = choice ?? (key ? LockTableEncryption.CUSTOMER_MANAGED : LockTableEncryption.AWS_OWNED);
  if (effective !== LockTableEncryption.CUSTOMER_MANAGED && (key || replicaKeyArns)) {
    throw new LockTableValidationError(
      `DistributedLockTable: encryptionKey/replicaKeyArns need encryption CUSTOMER_MANAGED, but encryption is ${effective}.`,
    );
  }
  switch (effective) {
    case LockTableEncryption.AWS_OWNED:
      return { encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() };
    case LockTableEncryption.AWS_MANAGED:
      return { encryption: dynamodb.TableEncryptionV2.awsManagedKey() };
    case LockTableEncryption.CUSTOMER_MANAGED: {
      const tableKey =
        key ??
        new kms.Key(scope, 'Key', {
          description: 'Encrypts the ddb-lock lock table',
          enableKeyRotation: true,
          // Same lifetime as the table's default: a deleted key makes a retained table unreadable.
          removalPolicy: RemovalPolicy.RETAIN,
        });
      return { encryption: dynamodb.TableEncryptionV2.customerManagedKey(tableKey, replicaKeyArns), key: tableKey };
    }
  }
}
