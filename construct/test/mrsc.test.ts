import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DistributedLockTable, type DistributedLockTableProps } from '../src';
import { newStack } from './support';

// Multi-Region strong consistency (MRSC): what DynamoDB/CloudFormation would reject is refused at
// synth with a LockTableValidationError that says why (sources in src/private/mrsc-rules.ts).

const STRONG = dynamodb.MultiRegionConsistency.STRONG;

function errorOf(props: DistributedLockTableProps, stack: Stack = newStack()): Error | undefined {
  try {
    new DistributedLockTable(stack, 'Locks', { multiRegionConsistency: STRONG, ...props });
  } catch (e) {
    return e as Error;
  }
  return undefined;
}

test.each<[string, DistributedLockTableProps, RegExp]>([
  ['no replicas', {}, /exactly three Regions.*got 0 replica/],
  ['one replica and no witness', { replicas: [{ region: 'us-east-2' }] }, /exactly three Regions.*got 1 replica/],
  ['three replicas', { replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }, { region: 'eu-west-1' }] }, /got 3 replica/],
  [
    'two replicas and a witness',
    { replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }], witnessRegion: 'us-east-2' },
    /three different Regions/,
  ],
  ['a witness in a replica Region', { replicas: [{ region: 'us-east-2' }], witnessRegion: 'us-east-2' }, /three different Regions/],
  ['a replica outside the Region set', { replicas: [{ region: 'us-east-2' }, { region: 'eu-west-1' }] }, /eu-west-1 is not in the US set/],
  [
    'a witness outside the Region set',
    { replicas: [{ region: 'us-east-2' }], witnessRegion: 'ap-northeast-1' },
    /ap-northeast-1 is not in the US set/,
  ],
])('refuses %s', (_what, props, message) => {
  const error = errorOf(props);
  expect(error?.name).toBe('LockTableValidationError');
  expect(error?.message).toMatch(message);
});

test('refuses a primary Region outside every Region set', () => {
  const stack = new Stack(new App(), 'S', { env: { account: '111122223333', region: 'sa-east-1' } });
  expect(errorOf({ replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }] }, stack)?.message).toMatch(
    /primary in sa-east-1.*Region sets US \(us-east-1, us-east-2, us-west-2\); EU/,
  );
});

test('refuses a Region-agnostic stack', () => {
  const stack = new Stack(new App(), 'S');
  expect(errorOf({ replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }] }, stack)?.message).toMatch(/explicit Region/);
});

test.each<[string, DistributedLockTableProps]>([
  ['three Regions', { replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }] }],
  ['two Regions and a witness', { replicas: [{ region: 'us-west-2' }], witnessRegion: 'us-east-2' }],
])('accepts %s, without TTL (DynamoDB has none on MRSC tables)', (_what, props) => {
  const stack = newStack();
  new DistributedLockTable(stack, 'Locks', { multiRegionConsistency: STRONG, ...props });
  const table = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable'))[0];
  expect(table.Properties.MultiRegionConsistency).toBe('STRONG');
  expect(table.Properties.TimeToLiveSpecification).toBeUndefined();
});

test('a single-Region table keeps TTL', () => {
  const stack = newStack();
  new DistributedLockTable(stack, 'Locks');
  Template.fromStack(stack).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
    TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
  });
});

describe('changes through the escape hatches are refused at synth', () => {
  function strongTable() {
    const stack = newStack();
    const locks = new DistributedLockTable(stack, 'Locks', {
      multiRegionConsistency: STRONG,
      replicas: [{ region: 'us-east-2' }, { region: 'us-west-2' }],
    });
    return { stack, locks, cfn: locks.table.node.defaultChild as dynamodb.CfnGlobalTable };
  }

  test('a fourth Region', () => {
    const { stack, cfn } = strongTable();
    cfn.replicas = [...(stack.resolve(cfn.replicas) as dynamodb.CfnGlobalTable.ReplicaSpecificationProperty[]), { region: 'eu-west-1' }];
    expect(() => Template.fromStack(stack)).toThrow(/spans exactly three Regions.*4 replica/);
  });

  test('TTL switched on through the L1 resource', () => {
    const { stack, cfn } = strongTable();
    cfn.timeToLiveSpecification = { attributeName: 'ttl', enabled: true };
    expect(() => Template.fromStack(stack)).toThrow(/Time to Live only on eventually consistent/);
  });

  test('the unchanged table synthesizes', () => {
    const { stack } = strongTable();
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
