import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { type CountingProxy, FAKE_CREDENTIALS, type LocalDynamo, startCountingProxy, startDynalite, userAgentTag } from '../src/index.ts';
import { remoteCounts } from '../src/remote-counts.ts';

let local: LocalDynamo;
let proxy: CountingProxy;
const client = (tag?: string) =>
  new DynamoDBClient({
    endpoint: proxy.endpoint,
    region: 'us-east-1',
    credentials: FAKE_CREDENTIALS,
    maxAttempts: 1,
    ...(tag !== undefined && { customUserAgent: userAgentTag(tag) }),
  });

before(async () => {
  local = await startDynalite();
  proxy = await startCountingProxy(local.endpoint, { log: true });
  const setup = client('setup');
  await setup.send(
    new CreateTableCommand({
      TableName: 'counted',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  setup.destroy();
});
after(async () => {
  await proxy.stop();
  await local.stop();
});

test('counts every request by tag and operation, refused conditions apart, and logs the key', async () => {
  proxy.reset();
  const a = client();
  const b = client('waiter');
  const put = (pk: string) =>
    new PutItemCommand({ TableName: 'counted', Item: { pk: { S: pk } }, ConditionExpression: 'attribute_not_exists(pk)' });
  await a.send(put('k1'));
  await assert.rejects(b.send(put('k1')), { name: 'ConditionalCheckFailedException' });
  await b.send(new GetItemCommand({ TableName: 'counted', Key: { pk: { S: 'k1' } }, ConsistentRead: true }));
  assert.deepEqual(proxy.counts(), { PutItem: 2, GetItem: 1 });
  assert.deepEqual(proxy.counts('main'), { PutItem: 1 });
  assert.deepEqual(proxy.counts('waiter'), { PutItem: 1, GetItem: 1 });
  assert.deepEqual(proxy.failedConditions(), { PutItem: 1 });
  assert.deepEqual(proxy.failedConditions('main'), {});
  assert.deepEqual(
    proxy.log.map((r) => [r.op, r.key, r.tag]),
    [
      ['PutItem', undefined, 'main'],
      ['PutItem', undefined, 'waiter'],
      ['GetItem', 'k1', 'waiter'],
    ],
  );
  // Another process reads the same counts over HTTP.
  assert.deepEqual(await remoteCounts(proxy.endpoint, 'counts', 'waiter'), { PutItem: 1, GetItem: 1 });
  assert.deepEqual(await remoteCounts(proxy.endpoint, 'failedConditions', 'waiter'), { PutItem: 1 });
  proxy.reset();
  assert.deepEqual(proxy.counts(), {});
  assert.deepEqual(proxy.log, []);
  a.destroy();
  b.destroy();
});
