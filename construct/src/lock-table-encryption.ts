/**
 * Which key encrypts the lock table at rest.
 *
 * @example
 * import { DistributedLockTable, LockTableEncryption } from '@ddb-lock/construct';
 *
 * new DistributedLockTable(this, 'Locks', { encryption: LockTableEncryption.AWS_MANAGED });
 */
export enum LockTableEncryption {
  /** A key DynamoDB owns and manages; no KMS charges, no key policy to audit. */
  AWS_OWNED = 'AWS_OWNED',

  /** The account's AWS managed key for DynamoDB (`alias/aws/dynamodb`); key use shows in CloudTrail. */
  AWS_MANAGED = 'AWS_MANAGED',

  /**
   * A customer managed KMS key: the one given as `encryptionKey`, or a new one with rotation on.
   * Every grant then also allows the KMS actions DynamoDB needs on that key.
   */
  CUSTOMER_MANAGED = 'CUSTOMER_MANAGED',
}
