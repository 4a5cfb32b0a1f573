import { Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { LockTableValidationError } from './lock-table-validation-error';

/** The parts of the props that are checked before anything is created. */
interface CheckedProps {
  readonly tableName?: string;
  readonly pointInTimeRecoveryPeriodInDays?: number;
  readonly witnessRegion?: string;
  readonly multiRegionConsistency?: dynamodb.MultiRegionConsistency;
}

/**
 * Refuses props DynamoDB or CloudFormation would reject only at deploy time, so a bad
 * table name or recovery period fails `cdk synth` with a clear message instead.
 */
export function validateLockTableProps(props: CheckedProps): void {
  const { tableName, pointInTimeRecoveryPeriodInDays: days, witnessRegion } = props;
  if (tableName !== undefined && !Token.isUnresolved(tableName) && !/^[a-zA-Z0-9_.-]{3,255}$/.test(tableName)) {
    throw new LockTableValidationError(
      `DistributedLockTable: tableName "${tableName}" is not a valid DynamoDB table name (3-255 characters of a-z, A-Z, 0-9, _ - .).`,
    );
  }
  if (days !== undefined && !Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1 || days > 35)) {
    throw new LockTableValidationError(
      `DistributedLockTable: pointInTimeRecoveryPeriodInDays must be a whole number of days from 1 to 35, got ${days}.`,
    );
  }
  if (witnessRegion !== undefined && props.multiRegionConsistency !== dynamodb.MultiRegionConsistency.STRONG) {
    throw new LockTableValidationError('DistributedLockTable: witnessRegion needs multiRegionConsistency: MultiRegionConsistency.STRONG.');
  }
}
