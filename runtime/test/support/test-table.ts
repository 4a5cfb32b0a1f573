import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from '@jest/globals';
import { ensureTable } from '../../src/admin/index.js';
import { LockClient, type LockClientOptions } from '../../src/index.js';

/** True when the suite runs against real DynamoDB (DDB_LOCK_TEST_TARGET=aws). */
export const onRealDynamoDb = process.env.DDB_LOCK_TEST_TARGET === 'aws';

/**
 * A DynamoDB client for the test target: the local server with static fake credentials and a
 * region (so the SDK never walks the credential chain to the metadata address), or real
 * DynamoDB from the standard AWS environment.
 */
export function testDynamoClient(): DynamoDBClient {
  if (onRealDynamoDb) return new DynamoDBClient({});
  const endpoint = process.env.DDB_LOCK_TEST_ENDPOINT;
  if (!endpoint) throw new Error('DDB_LOCK_TEST_ENDPOINT is not set: run through jest (global setup starts dynalite)');
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
  });
}

/**
 * Counts HTTP requests by operation on a client (every attempt, SDK retries included): the
 * cost assertions of the suite.
 */
export function countRequests(ddb: DynamoDBClient): { counts: Record<string, number>; total(): number; reset(): void } {
  const counts: Record<string, number> = {};
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counts[op] = (counts[op] ?? 0) + 1;
      return next(args);
    },
    { step: 'deserialize', name: 'ddbLockTestCounter' },
  );
  return {
    counts,
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    reset: () => {
      for (const k of Object.keys(counts)) delete counts[k];
    },
  };
}

/**
 * A fresh lock table for one test file, created through the client's own ensureTable and
 * deleted afterwards. Returns a factory of LockClients on it (each with its own DynamoDBClient,
 * like separate processes) .
 */
export async function createTestTable(options: { sortKeyName?: string } = {}) {
  const tableName = `ddb-lock-test-${randomUUID().slice(0, 8)}`;
  const admin = testDynamoClient();
  const base = { tableName, ...(options.sortKeyName !== undefined && { sortKeyName: options.sortKeyName }) };
  await ensureTable(new LockClient({ ...base, client: admin }));
  const clients: LockClient[] = [];
  return {
    tableName,
    admin,
    /** A new client on this table with its own DynamoDBClient. */
    client(overrides: Partial<LockClientOptions> = {}): LockClient {
      const c = new LockClient({ ...base, client: testDynamoClient(), ...overrides });
      clients.push(c);
      return c;
    },
    async dispose(): Promise<void> {
      await Promise.allSettled(clients.map((c) => c.close({ release: false })));
      await admin.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      admin.destroy();
      for (const c of clients) c.dynamoDb.destroy();
    },
  };
}

/** A test table and the clients on it (see {@link createTestTable}). */
export type TestTable = Awaited<ReturnType<typeof createTestTable>>;

/**
 * A fresh test table for the calling test file (or `describe` block): created in its
 * `beforeAll`, deleted in its `afterAll`. The handle reaches the table once it exists, so
 * tests use it as they would the table itself.
 */
export function useTestTable(options: { sortKeyName?: string } = {}): TestTable {
  let table: TestTable | undefined;
  beforeAll(async () => {
    table = await createTestTable(options);
  });
  afterAll(async () => {
    await table?.dispose();
  });
  const current = (): TestTable => {
    if (!table) throw new Error('useTestTable: the table exists from beforeAll on');
    return table;
  };
  return {
    get tableName() {
      return current().tableName;
    },
    get admin() {
      return current().admin;
    },
    client: (overrides) => current().client(overrides),
    dispose: () => current().dispose(),
  };
}

/**
 * Makes the next `times` requests of `operation` reach the server and be applied, then throws a
 * connection reset instead of returning the response: a lost response, the ambiguous outcome.
 */
export function loseResponses(ddb: DynamoDBClient, operation: string, times = 1): { lost(): number } {
  let lost = 0;
  ddb.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === `${operation}Command` && lost < times) {
        lost++;
        throw Object.assign(new Error('socket hang up (injected: response lost)'), { code: 'ECONNRESET', $metadata: {} });
      }
      return result;
    },
    { step: 'deserialize', name: `ddbLockTestLose${operation}` },
  );
  return { lost: () => lost };
}
