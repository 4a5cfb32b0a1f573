import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DistributedLockTable, LockTableEncryption } from '../src';
import { newStack, tableLogicalId } from './support';

describe('encryption', () => {
  test('AWS owned key by default: no SSE', () => {
    const stack = newStack();
    new DistributedLockTable(stack, 'Locks');
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: false } });
    t.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('AWS managed key', () => {
    const stack = newStack();
    new DistributedLockTable(stack, 'Locks', { encryption: LockTableEncryption.AWS_MANAGED });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::DynamoDB::GlobalTable', { SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } });
    t.resourceCountIs('AWS::KMS::Key', 0);
  });

  test('customer managed without a key: a new retained key with rotation', () => {
    const stack = newStack();
    const locks = new DistributedLockTable(stack, 'Locks', { encryption: LockTableEncryption.CUSTOMER_MANAGED });
    const t = Template.fromStack(stack);
    t.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    const keyId = stack.getLogicalId(locks.encryptionKey!.node.defaultChild as kms.CfnKey);
    const table = t.toJSON().Resources[tableLogicalId(stack)];
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(table.Properties.Replicas[0].SSESpecification).toEqual({ KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  test('a given key implies customer managed', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey', { enableKeyRotation: true });
    const locks = new DistributedLockTable(stack, 'Locks', { encryptionKey: key });
    expect(locks.encryptionKey).toBe(key);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    const table = t.toJSON().Resources[tableLogicalId(stack)];
    expect(table.Properties.Replicas[0].SSESpecification.KMSMasterKeyId).toEqual({
      'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'],
    });
  });

  test('a key with another encryption choice is refused', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'MyKey');
    expect(() => new DistributedLockTable(stack, 'Locks', { encryption: LockTableEncryption.AWS_OWNED, encryptionKey: key })).toThrow(
      /encryptionKey\/replicaKeyArns need encryption CUSTOMER_MANAGED, but encryption is AWS_OWNED/,
    );
  });
});
