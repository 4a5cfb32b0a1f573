import { LockError } from '../errors.js';

/**
 * A record that was not run because an earlier record it must follow failed: in an SQS FIFO
 * message group, or in a Kinesis / DynamoDB Streams batch (whose checkpoint stops at the lowest
 * failed record). `cause` is the earlier record's error; the record is reported failed and
 * delivered again.
 *
 * @example
 * ```ts
 * if (error instanceof BatchOrderError) console.log('held back behind', error.cause);
 * ```
 */
export class BatchOrderError extends LockError {
  // A literal on the prototype, as every ddb-lock error: minifiers rename classes.
  static {
    BatchOrderError.prototype.name = 'BatchOrderError';
  }
}
