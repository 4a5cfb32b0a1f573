import { RemovalPolicy } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DistributedLockTable } from '../src';
import { newStack } from './support';

function tableProps(props = {}) {
  const stack = newStack();
  new DistributedLockTable(stack, 'Locks', props);
  const tables = Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable');
  return Object.values(tables)[0];
}

describe('DistributedLockTable defaults', () => {
  const table = tableProps();

  test('partition key pk (S) and no sort key', () => {
    expect(table.Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(table.Properties.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }]);
  });

  test('TTL on ttl', () => {
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
  });

  // cdk-nag's PITR rule only looks at the v1 Table, so this test is the only guard.
  test('point-in-time recovery enabled on every replica', () => {
    expect(table.Properties.Replicas).toHaveLength(1);
    for (const replica of table.Properties.Replicas) {
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  test('on-demand billing', () => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
  });

  test('deletion protection on, retained on delete and replace', () => {
    expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  test('no physical name unless given', () => {
    expect(table.Properties.TableName).toBeUndefined();
  });
});

describe('DistributedLockTable options', () => {
  test('optional sort key sk (S)', () => {
    const table = tableProps({ enableSortKey: true });
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(table.Properties.AttributeDefinitions).toContainEqual({ AttributeName: 'sk', AttributeType: 'S' });
  });

  test('provisioned billing', () => {
    const table = tableProps({
      billing: dynamodb.Billing.provisioned({
        readCapacity: dynamodb.Capacity.fixed(5),
        writeCapacity: dynamodb.Capacity.autoscaled({ maxCapacity: 10 }),
      }),
    });
    expect(table.Properties.BillingMode).toBe('PROVISIONED');
    expect(table.Properties.Replicas[0].ReadProvisionedThroughputSettings).toEqual({ ReadCapacityUnits: 5 });
  });

  test('deletion protection off and removal policy destroy', () => {
    const table = tableProps({ deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY });
    expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    expect(table.DeletionPolicy).toBe('Delete');
  });

  test('table name and PITR period', () => {
    const table = tableProps({ tableName: 'locks', pointInTimeRecoveryPeriodInDays: 7 });
    expect(table.Properties.TableName).toBe('locks');
    expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 7,
    });
  });

  test('exposes name and ARN of the table', () => {
    const stack = newStack();
    const locks = new DistributedLockTable(stack, 'Locks');
    const id = Object.keys(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'))[0];
    expect(stack.resolve(locks.tableName)).toEqual({ Ref: id });
    expect(stack.resolve(locks.tableArn)).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(locks.table).toBeInstanceOf(dynamodb.TableV2);
    expect(locks.encryptionKey).toBeUndefined();
  });
});
