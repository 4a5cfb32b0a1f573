import { Template } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DistributedLockTable, LockTableEncryption, LockTableGrants } from '../src';
import { newRole, newStack, statementsOf, tableLogicalId } from './support';

// No PutItem: the runtime never sends one to the lock table (npm run test:least-privilege).
const LOCK_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchGetItem',
];

function setup(props = {}) {
  const stack = newStack();
  const locks = new DistributedLockTable(stack, 'Locks', props);
  const role = newRole(stack);
  const tableArn = () => ({ 'Fn::GetAtt': [tableLogicalId(stack), 'Arn'] });
  return { stack, locks, role, tableArn };
}

describe('grantLockAccess', () => {
  test('exactly the runtime item actions on the table ARN, nothing else', () => {
    const { stack, locks, role, tableArn } = setup();
    const grant = locks.grantLockAccess(role);
    expect(grant.success).toBe(true);
    expect(statementsOf(stack, role)).toEqual([{ Effect: 'Allow', Action: LOCK_ACTIONS, Resource: tableArn() }]);
    expect(LockTableGrants.LOCK_ACTIONS).toEqual(LOCK_ACTIONS);
  });

  test('keyPrefix adds a LeadingKeys condition', () => {
    const { stack, locks, role, tableArn } = setup();
    locks.grantLockAccess(role, { keyPrefix: 'orders/' });
    expect(statementsOf(stack, role)).toEqual([
      {
        Effect: 'Allow',
        Action: LOCK_ACTIONS,
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['orders/*'] } },
      },
    ]);
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable the construct must refuse, not a template.
  test.each(['', 'orders/*', 'a?b', 'orders', '${aws:username}/'])('refuses keyPrefix %j', (keyPrefix) => {
    const { locks, role } = setup();
    expect(() => locks.grantLockAccess(role, { keyPrefix })).toThrow(/keyPrefix/);
  });

  test('customer managed key: the key actions too, on the key only', () => {
    const { stack, locks, role, tableArn } = setup({ encryption: LockTableEncryption.CUSTOMER_MANAGED });
    locks.grantLockAccess(role);
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(locks.encryptionKey!.node.defaultChild as kms.CfnKey), 'Arn'] };
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: LOCK_ACTIONS, Resource: tableArn() },
      {
        Effect: 'Allow',
        Action: [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
        ],
        Resource: keyArn,
      },
    ]);
  });

  test('AWS managed key: no KMS statement', () => {
    const { stack, locks, role } = setup({ encryption: LockTableEncryption.AWS_MANAGED });
    locks.grantLockAccess(role);
    expect(JSON.stringify(statementsOf(stack, role))).not.toContain('kms:');
  });
});

describe('grantLockInspection', () => {
  test('GetItem (getLock), Query and Scan (listLocks) only', () => {
    const { stack, locks, role, tableArn } = setup();
    locks.grantLockInspection(role);
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'], Resource: tableArn() },
    ]);
    expect(LockTableGrants.INSPECTION_ACTIONS).toEqual(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem']);
  });

  // A Scan has no leading key, so a ForAllValues condition would not restrict it.
  test('with keyPrefix: GetItem, Query and BatchGetItem (no Scan), with the condition', () => {
    const { stack, locks, role, tableArn } = setup();
    locks.grantLockInspection(role, { keyPrefix: 'orders/' });
    expect(statementsOf(stack, role)).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['orders/*'] } },
      },
    ]);
  });

  test('customer managed key: read key actions only', () => {
    const { stack, locks, role } = setup({ encryption: LockTableEncryption.CUSTOMER_MANAGED });
    locks.grantLockInspection(role);
    const kmsStatement = statementsOf(stack, role).find((s) => JSON.stringify(s.Action).includes('kms:'));
    expect(kmsStatement?.Action).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
  });
});

describe('bindTo', () => {
  test('grants lock access and sets DDB_LOCK_TABLE_NAME', () => {
    const { stack, locks, tableArn } = setup();
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    locks.bindTo(fn, { keyPrefix: 'jobs/' });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DDB_LOCK_TABLE_NAME: { Ref: tableLogicalId(stack) } } },
    });
    const statements = statementsOf(stack, fn.role as iam.Role);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: LOCK_ACTIONS,
        Resource: tableArn(),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['jobs/*'] } },
      },
    ]);
  });
});
