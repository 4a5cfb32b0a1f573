import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type CountingProxy, FAKE_CREDENTIALS, startCountingProxy } from '@ddb-lock/local-dynamo';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { serverHas, testServer } from '../../support/test-server.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// What a contended attempt costs, counted at the wire by a loopback proxy in front of the local
// server (it cannot stand in front of DynamoDB's TLS endpoint: local servers only). A server that
// returns the holder on the failed condition (moto, DynamoDB) costs 1 request; dynalite ignores
// ReturnValuesOnConditionCheckFailure, so there the holder costs one ConsistentRead more
// (docs/server-differences.md, row "ReturnValuesOnConditionCheckFailure").
const atTheWire = onRealDynamoDb ? test.skip : test;

const table = useTestTable();
let proxy: CountingProxy;
let viaProxy: DynamoDBClient;
beforeAll(async () => {
  if (onRealDynamoDb) return;
  proxy = await startCountingProxy(process.env.DDB_LOCK_TEST_ENDPOINT!);
  viaProxy = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  viaProxy?.destroy();
  await proxy?.stop();
});

const expected = serverHas.itemOnFailedCondition ? { UpdateItem: 1 } : { UpdateItem: 1, GetItem: 1 };

atTheWire(`a contended attempt on ${testServer} costs ${JSON.stringify(expected)} at the wire, and learns who holds the lock`, async () => {
  const holder = table.client({ leaseMs: 10_000 });
  const held = await holder.acquire('contended');
  const waiter = table.client({ client: viaProxy, leaseMs: 10_000 });
  proxy.reset();
  expect(await waiter.tryAcquire('contended')).toBeUndefined();
  expect(proxy.counts()).toEqual(expected);
  expect(proxy.failedConditions()).toEqual({ UpdateItem: 1 });
  // The holder the refused write reported is the one a read confirms.
  expect(await getLock(waiter, 'contended')).toMatchObject({ owner: holder.ownerName, fence: held.fence });
  await held.release();
});

atTheWire(`an uncontended acquire and release on ${testServer} are one write each at the wire`, async () => {
  const client = table.client({ client: viaProxy, leaseMs: 10_000 });
  proxy.reset();
  const lock = await client.acquire('free', { autoHeartbeat: false });
  expect(proxy.counts()).toEqual({ UpdateItem: 1 });
  await lock.release();
  expect(proxy.counts()).toEqual({ UpdateItem: 2 });
  expect(proxy.failedConditions()).toEqual({});
});
