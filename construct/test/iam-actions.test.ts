import { actionsFound, actionsOn, type RecordedRequest } from './least-privilege/iam-actions';

// The least-privilege check (npm run test:least-privilege) is only as good as this mapping from
// recorded requests to IAM actions: it must see an extra action, and must not blame the grants
// for test set-up or for writes to the application's items.

const request = (
  sender: RecordedRequest['sender'],
  operation: string,
  table?: string,
  items?: RecordedRequest['items'],
): RecordedRequest => ({ testFile: 't', sender, operation, table, items });

const base: RecordedRequest[] = [
  request('table-admin', 'CreateTable', 'locks'),
  request('table-admin', 'DescribeTable', 'locks'),
  request('lock', 'UpdateItem', 'locks'),
  request('lock', 'GetItem', 'locks'),
  request('inspection', 'Scan', 'locks'),
  request('harness', 'DeleteTable', 'locks'),
  request('protected-write', 'PutItem', 'locks'),
];

test('sorts actions by who sent them, on the tables ensureTable made', () => {
  expect(actionsFound(base)).toEqual({
    lockTables: ['locks'],
    lock: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    inspection: ['dynamodb:Scan'],
    tableAdmin: ['dynamodb:CreateTable', 'dynamodb:DescribeTable'],
    notGranted: ['dynamodb:DeleteTable', 'dynamodb:PutItem'],
    operator: [],
    lockBesidesFeatures: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    lockSentBy: { 'dynamodb:GetItem': ['none'], 'dynamodb:UpdateItem': ['none'] },
  });
});

test('features and operator requests: a DeleteItem outside a release would show up beside it', () => {
  const found = actionsFound([
    ...base,
    { ...request('lock', 'DeleteItem', 'locks'), feature: 'release' },
    { ...request('lock', 'DeleteItem', 'locks') },
    { ...request('lock', 'TransactWriteItems', undefined, [{ kind: 'ConditionCheck', table: 'locks' }]), feature: 'guarded-transaction' },
    request('operator', 'Scan', 'cli-table'),
    request('operator', 'UpdateItem', 'cli-table'),
  ]);
  expect(found.lockSentBy['dynamodb:DeleteItem']).toEqual(['none', 'release']);
  expect(found.lockSentBy['dynamodb:ConditionCheckItem']).toEqual(['guarded-transaction']);
  expect(found.lockBesidesFeatures).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem']);
  expect(found.operator).toEqual(['dynamodb:Scan', 'dynamodb:UpdateItem']);
});

test('a PutItem the runtime sends to a lock table shows up', () => {
  expect(actionsFound([...base, request('lock', 'PutItem', 'locks')]).lock).toContain('dynamodb:PutItem');
});

test('a transaction counts per item, and only its items on lock tables', () => {
  const tx = request('lock', 'TransactWriteItems', undefined, [
    { kind: 'ConditionCheck', table: 'locks' },
    { kind: 'Put', table: 'orders' },
  ]);
  expect(actionsOn(tx, 'locks')).toEqual(['dynamodb:ConditionCheckItem']);
  expect(actionsOn(tx, 'orders')).toEqual(['dynamodb:PutItem']);
  expect(actionsFound([...base, tx]).lock).toEqual(['dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem']);
});

test('requests to other tables are not lock actions', () => {
  expect(actionsFound([...base, request('lock', 'DeleteItem', 'orders')]).lock).not.toContain('dynamodb:DeleteItem');
});
