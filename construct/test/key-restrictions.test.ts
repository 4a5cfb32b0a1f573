import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DistributedLockTable, LockTableGrants } from '../src';
import { newRole, newStack, statementsOf, tableLogicalId } from './support';

// Key restrictions mean what they say: a prefix must end with a delimiter (so "nightly-report"
// cannot also grant "nightly-reports-archive"), exact keys are the escape hatch, and bindTo never
// widens a restricted grant made before it.

function setup() {
  const stack = newStack();
  const locks = new DistributedLockTable(stack, 'Locks');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  const tableArn = () => ({ 'Fn::GetAtt': [tableLogicalId(stack), 'Arn'] });
  return { stack, locks, fn, tableArn, statements: () => statementsOf(stack, fn.role as iam.Role) };
}

const prefixed = (prefix: string) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } });

describe('keyPrefix', () => {
  test.each(['orders/', 'tenant#', 'job:'])('accepts %j, which ends with a delimiter', (keyPrefix) => {
    const { locks, fn, statements } = setup();
    locks.grantLockAccess(fn, { keyPrefix });
    expect(statements()[0].Condition).toEqual(prefixed(keyPrefix));
  });

  test('refuses a prefix without a delimiter, naming both ways out', () => {
    const { locks, fn } = setup();
    expect(() => locks.grantLockAccess(fn, { keyPrefix: 'nightly-report' })).toThrow(
      expect.objectContaining({
        name: 'LockTableValidationError',
        message: expect.stringMatching(/must end with a delimiter.*keyPrefix "nightly-report\/".*exactKeys: \["nightly-report"\]/),
      }),
    );
  });

  test('refuses a prefix and exact keys in one call', () => {
    const { locks, fn } = setup();
    expect(() => locks.grantLockAccess(fn, { keyPrefix: 'a/', exactKeys: ['b'] })).toThrow(/keyPrefix or exactKeys, not both/);
  });
});

describe('exactKeys', () => {
  test('grants exactly those keys with StringEquals', () => {
    const { locks, fn, tableArn, statements } = setup();
    locks.grantLockAccess(fn, { exactKeys: ['nightly-report', 'weekly-report'] });
    expect(statements()).toEqual([
      {
        Effect: 'Allow',
        Action: LockTableGrants.LOCK_ACTIONS,
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['nightly-report', 'weekly-report'] } },
      },
    ]);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable the construct must refuse, not a template.
  test.each([[[]], [['']], [['${aws:username}']]])('refuses %j', (exactKeys) => {
    const { locks, fn } = setup();
    expect(() => locks.grantLockAccess(fn, { exactKeys })).toThrow(expect.objectContaining({ name: 'LockTableValidationError' }));
  });

  test('inspection with exact keys leaves Scan out', () => {
    const { stack, locks } = setup();
    const role = newRole(stack, 'Operator');
    locks.grantLockInspection(role, { exactKeys: ['nightly-report'] });
    expect(statementsOf(stack, role)[0].Action).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem']);
  });
});

describe('bindTo after grantLockAccess', () => {
  test('without options keeps the earlier prefix: no statement for every key', () => {
    const { locks, fn, tableArn, statements } = setup();
    const granted = locks.grantLockAccess(fn, { keyPrefix: 'orders/' });
    const bound = locks.bindTo(fn);
    expect(statements()).toEqual([
      {
        Effect: 'Allow',
        Action: LockTableGrants.LOCK_ACTIONS,
        Resource: tableArn(),
        Condition: prefixed('orders/'),
      },
    ]);
    expect(bound.principalStatements).toEqual(granted.principalStatements);
  });

  test('with options adds those keys to the earlier ones', () => {
    const { locks, fn, statements } = setup();
    locks.grantLockAccess(fn, { keyPrefix: 'orders/' });
    locks.bindTo(fn, { keyPrefix: 'invoices/' });
    expect(statements().map((s) => s.Condition)).toEqual([prefixed('orders/'), prefixed('invoices/')]);
  });

  test('without any earlier grant grants every key and sets the table name', () => {
    const { stack, locks, fn, tableArn, statements } = setup();
    locks.bindTo(fn);
    expect(statements()).toEqual([{ Effect: 'Allow', Action: LockTableGrants.LOCK_ACTIONS, Resource: tableArn() }]);
    expect(JSON.stringify(stack.resolve((fn.node.defaultChild as lambda.CfnFunction).environment))).toContain('DDB_LOCK_TABLE_NAME');
  });

  test('a restriction after an every-key grant is flagged: it restricts nothing', () => {
    const { stack, locks, fn } = setup();
    locks.grantLockAccess(fn);
    locks.grantLockAccess(fn, { keyPrefix: 'orders/' });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('the restriction has no effect'));
  });

  test('another table or another function is tracked on its own', () => {
    const { stack, locks, fn, statements } = setup();
    const other = new DistributedLockTable(stack, 'Other');
    locks.grantLockAccess(fn, { keyPrefix: 'orders/' });
    other.bindTo(fn); // no earlier grant on *this* table: every key of it
    expect(statements().map((s) => s.Condition)).toEqual([prefixed('orders/'), undefined]);
  });
});
