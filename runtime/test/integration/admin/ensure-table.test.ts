import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS, startCountingProxy, startDynalite } from '@ddb-lock/local-dynamo';
import { expect, test } from '@jest/globals';
import { ensureTable } from '../../../src/admin/index.js';
import { LockClient } from '../../../src/index.js';
import { serverHas, testServer } from '../../support/test-server.js';
import { countRequests, onRealDynamoDb, testDynamoClient } from '../../support/test-table.js';

// ensureTable evaluated by the server under test. Where the server has the TTL API (moto,
// DynamoDB) TTL must end up on for the `ttl` attribute; dynalite has none and ensureTable says so
// (docs/server-differences.md, row "Time to live").
const createsTheTable =
  `ensureTable on ${testServer}: creates the table, returns once it is ACTIVE, and` +
  ` ${serverHas.ttlApi ? 'turns TTL on for `ttl`' : 'reports TTL unavailable'}`;
test(createsTheTable, async () => {
  const ddb = testDynamoClient();
  const tableName = `ddb-lock-test-${randomUUID().slice(0, 8)}`;
  try {
    const requests = countRequests(ddb);
    const client = new LockClient({ tableName, client: ddb });
    expect(await ensureTable(client)).toEqual({ created: true, ttlEnabled: serverHas.ttlApi });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    if (serverHas.ttlApi) {
      const { TimeToLiveDescription } = await ddb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
      // DynamoDB reports ENABLING for a while (up to an hour); moto switches at once.
      expect(TimeToLiveDescription).toEqual({ AttributeName: 'ttl', TimeToLiveStatus: expect.stringMatching(/^ENABL(ED|ING)$/) });
      expect(requests.counts.UpdateTimeToLive).toBe(1);
    }
    // A second call finds everything in place and changes nothing.
    requests.reset();
    expect(await ensureTable(client)).toEqual({ created: false, ttlEnabled: serverHas.ttlApi });
    expect(requests.counts.CreateTable ?? 0).toBe(0);
    // (dynalite: DescribeTimeToLive always says DISABLED, so each call tries the update again.)
    if (serverHas.ttlApi) expect(requests.counts.UpdateTimeToLive ?? 0).toBe(0);
  } finally {
    await ddb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    ddb.destroy();
  }
});

// The wait for ACTIVE needs a server whose tables start CREATING: DynamoDB's do (the test above
// covers it there); moto's are ACTIVE at once, and dynalite simulates the state when told to
// (docs/server-differences.md, row "CreateTable"). So this one runs on its own dynalite.
(onRealDynamoDb ? test.skip : test)('ensureTable waits while a new table is CREATING and returns once it is ACTIVE', async () => {
  const local = await startDynalite({ createTableMs: 800 });
  const ddb = new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  try {
    const requests = countRequests(ddb);
    await ensureTable(new LockClient({ tableName: 'creating', client: ddb }));
    expect((await ddb.send(new DescribeTableCommand({ TableName: 'creating' }))).Table?.TableStatus).toBe('ACTIVE');
    // One describe before the create, then polls until ACTIVE (every 250 ms for 800 ms).
    expect(requests.counts.DescribeTable).toBeGreaterThanOrEqual(3);
  } finally {
    ddb.destroy();
    await local.stop();
  }
});

// A role without dynamodb:UpdateTimeToLive: the server answers AccessDeniedException, whose
// message names the operation. That is a failure to report, not a server without TTL (ensureTable
// used to match "TimeToLive" in any message and answer ttlEnabled: false). The proxy in front of
// the server under test denies that one operation, as IAM would.
(onRealDynamoDb ? test.skip : test)(`ensureTable on ${testServer} reports a denied UpdateTimeToLive as an error`, async () => {
  const proxy = await startCountingProxy(process.env.DDB_LOCK_TEST_ENDPOINT!, { deny: ['UpdateTimeToLive'] });
  const ddb = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  const tableName = `ddb-lock-test-${randomUUID().slice(0, 8)}`;
  try {
    await expect(ensureTable(new LockClient({ tableName, client: ddb }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(proxy.counts()).toMatchObject({ CreateTable: 1, DescribeTimeToLive: 1, UpdateTimeToLive: 1 });
  } finally {
    await ddb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    ddb.destroy();
    await proxy.stop();
  }
});
