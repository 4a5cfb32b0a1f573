import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DistributedLockTable, type DistributedLockTableProps, LockTableEncryption } from '../src';

// The construct's part of the bad-input catalogue: every invalid prop fails when the construct
// is created (or, for grants, when granted) with a LockTableValidationError naming the problem —
// before anything reaches CloudFormation.

const cases: Array<[string, (stack: Stack) => DistributedLockTableProps, RegExp]> = [
  ['a table name with spaces', () => ({ tableName: 'my locks' }), /tableName "my locks" is not a valid/],
  ['a two-character table name', () => ({ tableName: 'ab' }), /not a valid DynamoDB table name/],
  ['a 0-day recovery period', () => ({ pointInTimeRecoveryPeriodInDays: 0 }), /from 1 to 35, got 0/],
  ['a 36-day recovery period', () => ({ pointInTimeRecoveryPeriodInDays: 36 }), /from 1 to 35, got 36/],
  ['a fractional recovery period', () => ({ pointInTimeRecoveryPeriodInDays: 1.5 }), /whole number/],
  ['eventually consistent replicas', () => ({ replicas: [{ region: 'us-west-2' }] }), /eventual multi-Region consistency/],
  ['a witness Region without strong consistency', () => ({ witnessRegion: 'us-east-2' }), /witnessRegion needs/],
  [
    'a key with AWS-owned encryption',
    (s) => ({ encryption: LockTableEncryption.AWS_OWNED, encryptionKey: new kms.Key(s, 'K') }),
    /need encryption CUSTOMER_MANAGED/,
  ],
  [
    'replica keys with AWS-managed encryption',
    () => ({ encryption: LockTableEncryption.AWS_MANAGED, replicaKeyArns: { 'us-west-2': 'arn:aws:kms:us-west-2:1:key/x' } }),
    /need encryption CUSTOMER_MANAGED/,
  ],
];

test.each(cases)('refuses %s', (_what, props, message) => {
  const stack = new Stack(new App(), 'S', { env: { region: 'us-east-1', account: '111111111111' } });
  const error = (() => {
    try {
      new DistributedLockTable(stack, 'Locks', props(stack));
    } catch (e) {
      return e as Error;
    }
    return undefined;
  })();
  expect(error?.name).toBe('LockTableValidationError');
  expect(error?.message).toMatch(message);
  // Nothing half-built: the failed table left no construct behind.
  expect(stack.node.tryFindChild('Locks')?.node.tryFindChild('Table')).toBeUndefined();
});

test.each([
  ['an empty key prefix', ''],
  ['a prefix with *', 'orders/*'],
  ['a prefix with ?', 'orders/?'],
])('grantLockAccess refuses %s', (_what, keyPrefix) => {
  const stack = new Stack(new App(), 'S');
  const table = new DistributedLockTable(stack, 'Locks');
  const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  expect(() => table.grantLockAccess(role, { keyPrefix })).toThrow(expect.objectContaining({ name: 'LockTableValidationError' }));
});

test('valid edge values are accepted', () => {
  const stack = new Stack(new App(), 'S');
  expect(() => new DistributedLockTable(stack, 'A', { tableName: 'a_b.c-1', pointInTimeRecoveryPeriodInDays: 1 })).not.toThrow();
  expect(
    () => new DistributedLockTable(stack, 'B', { pointInTimeRecoveryPeriodInDays: 35, billing: dynamodb.Billing.onDemand() }),
  ).not.toThrow();
});
