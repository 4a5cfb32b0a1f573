import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DistributedLockTable, LockTableGrants } from '../src';
import { newRole, newStack, statementsOf, tableLogicalId } from './support';

// Grants that fit the function: lock access tells a Lambda function its table, drops the actions
// of features it does not use, and on-call roles get exactly what the CLI's commands send.
// (npm run test:least-privilege proves each list against recorded requests.)

function setup() {
  const stack = newStack();
  const locks = new DistributedLockTable(stack, 'Locks');
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  const tableArn = () => ({ 'Fn::GetAtt': [tableLogicalId(stack), 'Arn'] });
  return { stack, locks, fn, tableArn };
}
const envOf = (stack: ReturnType<typeof newStack>, fn: lambda.Function) =>
  stack.resolve((fn.node.defaultChild as lambda.CfnFunction).environment) as { variables?: Record<string, unknown> } | undefined;

describe('grantLockAccess on a Lambda function sets DDB_LOCK_TABLE_NAME', () => {
  test('to the table it grants', () => {
    const { stack, locks, fn } = setup();
    locks.grantLockAccess(fn);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DDB_LOCK_TABLE_NAME: { Ref: tableLogicalId(stack) } } },
    });
  });

  test('a role has no environment: only the grant', () => {
    const { stack, locks } = setup();
    const role = newRole(stack, 'Ops');
    expect(locks.grantLockAccess(role).success).toBe(true);
  });

  test('a second lock table does not move it, and says so; bindTo does move it, and says so', () => {
    const { stack, locks, fn } = setup();
    const other = new DistributedLockTable(stack, 'Other');
    locks.grantLockAccess(fn);
    other.grantLockAccess(fn);
    expect(envOf(stack, fn)?.variables?.DDB_LOCK_TABLE_NAME).toEqual(stack.resolve(locks.tableName));
    Annotations.fromStack(stack).hasWarning('/Test/Fn', Match.stringLikeRegexp('DDB_LOCK_TABLE_NAME still names Test/Locks'));
    other.bindTo(fn);
    expect(envOf(stack, fn)?.variables?.DDB_LOCK_TABLE_NAME).toEqual(stack.resolve(other.tableName));
    Annotations.fromStack(stack).hasWarning('/Test/Fn', Match.stringLikeRegexp('DDB_LOCK_TABLE_NAME now names Test/Other'));
  });

  test('granting the same table twice warns about nothing', () => {
    const { stack, locks, fn } = setup();
    locks.grantLockAccess(fn);
    locks.bindTo(fn);
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('DDB_LOCK_TABLE_NAME'));
  });
});

describe('reduced lock grants', () => {
  test.each([
    [{}, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchGetItem']],
    [{ allowDeleteOnRelease: false }, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchGetItem']],
    [{ allowGuardedTransactions: false }, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchGetItem']],
    [
      { allowDeleteOnRelease: false, allowGuardedTransactions: false },
      ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem'],
    ],
  ])('%j grants %j', (options, actions) => {
    const { stack, locks, fn, tableArn } = setup();
    locks.grantLockAccess(fn, { keyPrefix: 'jobs/', ...options });
    expect(LockTableGrants.lockActionsFor(options)).toEqual(actions);
    expect(statementsOf(stack, fn.role as iam.Role)).toEqual([
      {
        Effect: 'Allow',
        Action: actions.length === 1 ? actions[0] : actions,
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['jobs/*'] } },
      },
    ]);
  });

  test('bindTo takes the same options', () => {
    const { stack, locks, fn } = setup();
    locks.bindTo(fn, { allowDeleteOnRelease: false, allowGuardedTransactions: false });
    expect(statementsOf(stack, fn.role as iam.Role).map((s) => s.Action)).toEqual([
      ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem'],
    ]);
  });
});

describe('grantLockOperation: the CLI operator grant', () => {
  test('GetItem, Scan and UpdateItem: what ls, inspect, watch and release send; no DeleteItem, no PutItem', () => {
    const { stack, locks, tableArn } = setup();
    const role = newRole(stack, 'OnCall');
    locks.grantLockOperation(role);
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem'], Resource: tableArn() },
    ]);
    expect(LockTableGrants.OPERATION_ACTIONS).toEqual(['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:UpdateItem']);
  });

  test('a key restriction leaves Scan out (a Scan carries no key, so the condition could not hold it)', () => {
    const { stack, locks, tableArn } = setup();
    const role = newRole(stack, 'OnCall');
    locks.grantLockOperation(role, { exactKeys: ['nightly-report'] });
    expect(statementsOf(stack, role)).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['nightly-report'] } },
      },
    ]);
  });

  test('an imported table has it too', () => {
    const { stack } = setup();
    const imported = DistributedLockTable.fromTableName(stack, 'Imported', 'my-locks');
    const role = newRole(stack, 'OnCall');
    expect(imported.grantLockOperation(role).success).toBe(true);
  });
});
