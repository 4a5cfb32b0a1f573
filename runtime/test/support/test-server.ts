import { onRealDynamoDb } from './test-table.js';

/** Which implementation answers the suite. */
export type TestServer = 'dynalite' | 'moto' | 'dynamodb';

/**
 * The server under test: DDB_LOCK_TEST_SERVER (set by the global setup, or by whoever points the
 * suite at a running server or, for the aws-path check, at dynalite), else real DynamoDB with
 * DDB_LOCK_TEST_TARGET=aws, else dynalite.
 */
export const testServer: TestServer =
  (process.env.DDB_LOCK_TEST_SERVER as 'dynalite' | 'moto' | undefined) ?? (onRealDynamoDb ? 'dynamodb' : 'dynalite');

/**
 * Server behaviours a test may depend on. Each is one row of docs/server-differences.md; a test
 * that asks for one of these is the only kind of test allowed to differ by server.
 */
export const serverHas = {
  /** TransactWriteItems (row "TransactWriteItems"). */
  transactions: testServer !== 'dynalite',
  /** A failed condition returns the item (row "ReturnValuesOnConditionCheckFailure"). */
  itemOnFailedCondition: testServer !== 'dynalite',
  /** UpdateTimeToLive / DescribeTimeToLive (row "Time to live"). */
  ttlApi: testServer !== 'dynalite',
};
