import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DistributedLockTable } from '../src';
import { newRole, newStack, statementsOf } from './support';

describe('replicas', () => {
  test('refuses replicas with the default (eventual) consistency', () => {
    expect(() => new DistributedLockTable(newStack(), 'Locks', { replicas: [{ region: 'us-east-2' }] })).toThrow(
      /eventual multi-Region consistency could grant the same lock in two Regions.*MultiRegionConsistency\.STRONG/,
    );
  });

  test('refuses replicas with explicit EVENTUAL consistency', () => {
    expect(
      () =>
        new DistributedLockTable(newStack(), 'Locks', {
          replicas: [{ region: 'us-east-2' }],
          multiRegionConsistency: dynamodb.MultiRegionConsistency.EVENTUAL,
        }),
    ).toThrow(/could grant the same lock/);
  });

  test('refuses eventually consistent replicas added later through the escape hatch, at synth', () => {
    const stack = newStack();
    const locks = new DistributedLockTable(stack, 'Locks');
    locks.table.addReplica({ region: 'us-west-2' });
    expect(() => Template.fromStack(stack)).toThrow(/could grant the same lock/);
  });

  test('allows strongly consistent replicas and grants on every replica ARN', () => {
    const stack = newStack();
    const locks = new DistributedLockTable(stack, 'Locks', {
      tableName: 'locks',
      replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }],
      multiRegionConsistency: dynamodb.MultiRegionConsistency.STRONG,
    });
    const role = newRole(stack);
    locks.grantLockAccess(role);
    const t = Template.fromStack(stack);
    const table = Object.values(t.findResources('AWS::DynamoDB::GlobalTable'))[0];
    expect(table.Properties.MultiRegionConsistency).toBe('STRONG');
    expect(table.Properties.Replicas.map((r: { Region: string }) => r.Region).sort()).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    for (const replica of table.Properties.Replicas) {
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
    const resources = statementsOf(stack, role)[0].Resource as unknown[];
    expect(resources).toHaveLength(3);
    for (const region of ['us-east-2', 'us-west-2']) {
      expect(JSON.stringify(resources)).toContain(`:dynamodb:${region}:111122223333:table/`);
    }
  });

  test('allows two Regions plus a witness', () => {
    const stack = newStack();
    new DistributedLockTable(stack, 'Locks', {
      replicas: [{ region: 'us-east-2' }],
      multiRegionConsistency: dynamodb.MultiRegionConsistency.STRONG,
      witnessRegion: 'us-west-2',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalTableWitnesses: [{ Region: 'us-west-2' }],
    });
  });
});
