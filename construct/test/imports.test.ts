import * as kms from 'aws-cdk-lib/aws-kms';
import { DistributedLockTable } from '../src';
import { newRole, newStack, statementsOf } from './support';

describe('imports', () => {
  test('fromTableName builds the ARN in the stack account and Region', () => {
    const stack = newStack();
    const locks = DistributedLockTable.fromTableName(stack, 'Locks', 'my-locks');
    expect(locks.tableName).toBe('my-locks');
    expect(stack.resolve(locks.tableArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:us-east-1:111122223333:table/my-locks']],
    });
    const role = newRole(stack);
    locks.grantLockAccess(role);
    expect(statementsOf(stack, role)).toHaveLength(1);
  });

  test('fromTableArn takes the name from the ARN and grants on that ARN', () => {
    const stack = newStack();
    const arn = 'arn:aws:dynamodb:eu-west-1:444455556666:table/other-locks';
    const locks = DistributedLockTable.fromTableArn(stack, 'Locks', arn);
    expect(locks.tableName).toBe('other-locks');
    expect(locks.tableArn).toBe(arn);
    const role = newRole(stack);
    locks.grantLockInspection(role);
    expect(statementsOf(stack, role)).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem'], Resource: arn },
    ]);
  });

  test('fromTableAttributes with a key grants on the key', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:111122223333:key/abcd');
    const locks = DistributedLockTable.fromTableAttributes(stack, 'Locks', { tableName: 'l', encryptionKey: key });
    const role = newRole(stack);
    locks.grantLockAccess(role);
    expect(statementsOf(stack, role)[1]).toMatchObject({
      Action: expect.arrayContaining(['kms:Decrypt']),
      Resource: 'arn:aws:kms:us-east-1:111122223333:key/abcd',
    });
  });

  test('refuses both or neither of name and ARN, and a non-table ARN', () => {
    const stack = newStack();
    expect(() => DistributedLockTable.fromTableAttributes(stack, 'A', {})).toThrow(/exactly one of tableName or tableArn/);
    expect(() =>
      DistributedLockTable.fromTableAttributes(stack, 'B', { tableName: 'x', tableArn: 'arn:aws:dynamodb:us-east-1:1:table/x' }),
    ).toThrow(/exactly one/);
    expect(() => DistributedLockTable.fromTableArn(stack, 'C', 'arn:aws:dynamodb:us-east-1:111122223333:table')).toThrow(
      /is not a table ARN/,
    );
  });
});
