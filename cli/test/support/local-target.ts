import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { LockClient, type LockClientOptions } from '@ddb-lock/runtime';
import { ensureTable } from '@ddb-lock/runtime/admin';

/** True when the suite runs against real DynamoDB (DDB_LOCK_TEST_TARGET=aws, see the README). */
export const onRealDynamoDb = process.env.DDB_LOCK_TEST_TARGET === 'aws';

/** Static fake credentials and a region for a local server: the SDK never walks the credential chain. */
const LOCAL_ENV = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_EC2_METADATA_DISABLED: 'true' };

/**
 * Where the bin's requests go: a dynalite this test file starts on 127.0.0.1 (or one given by
 * DDB_LOCK_TEST_ENDPOINT), or real DynamoDB from the standard AWS environment.
 *
 * @example
 * ```ts
 * const target = await startTarget();
 * after(() => target.stop());
 * ```
 */
export async function startTarget(): Promise<{ endpoint?: string; env: NodeJS.ProcessEnv; stop(): Promise<void> }> {
  if (onRealDynamoDb) return { env: { ...process.env }, stop: async () => undefined };
  const given = process.env.DDB_LOCK_TEST_ENDPOINT;
  const local = given ? { endpoint: given, stop: async () => undefined } : await startDynalite();
  return { endpoint: local.endpoint, env: { ...process.env, ...LOCAL_ENV }, stop: local.stop };
}

/**
 * A fresh lock table (created through the client's own ensureTable, deleted afterwards), the
 * global flags that point the bin at it, and LockClients on it for the test to play holders.
 *
 * @example
 * ```ts
 * const table = await createTable(target);
 * await runBin([...table.flags, 'ls'], { env: target.env });
 * ```
 */
export async function createTable(target: { endpoint?: string }, options: { sortKeyName?: string } = {}) {
  const tableName = `ddb-lock-cli-test-${randomUUID().slice(0, 8)}`;
  const ddb = () =>
    new DynamoDBClient(
      target.endpoint
        ? { endpoint: target.endpoint, region: LOCAL_ENV.AWS_REGION, credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } }
        : {},
    );
  const base = { tableName, ...(options.sortKeyName !== undefined && { sortKeyName: options.sortKeyName }) };
  await ensureTable(new LockClient({ ...base, client: ddb() }));
  const clients: LockClient[] = [];
  return {
    tableName,
    flags: [
      ...(target.endpoint ? ['--endpoint', target.endpoint] : []),
      '--table',
      tableName,
      ...(options.sortKeyName !== undefined ? ['--sort-key-name', options.sortKeyName] : []),
    ],
    /** A client on this table with its own DynamoDBClient, like another process. */
    client(overrides: Partial<LockClientOptions> = {}): LockClient {
      const client = new LockClient({ ...base, client: ddb(), ...overrides });
      clients.push(client);
      return client;
    },
    async delete(): Promise<void> {
      await Promise.allSettled(clients.map((c) => c.close({ release: false })));
      const admin = ddb();
      await admin.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      for (const c of [...clients.map((c) => c.dynamoDb), admin]) c.destroy();
    },
  };
}

/**
 * One target and one fresh table for the calling test file: set up in `before`, removed in
 * `after`. Read `ctx.target` and `ctx.table` inside tests; a file's own `before` awaits `ctx.ready`
 * first (Node 20's runner does not wait for one root hook before starting the next).
 *
 * @example
 * ```ts
 * const ctx = tableForThisFile();
 * test('ls', async () => { await runBin([...ctx.table.flags, 'ls'], { env: ctx.target.env }); });
 * ```
 */
export function tableForThisFile(options: { sortKeyName?: string } = {}) {
  let setUp: () => void;
  const ready = new Promise<void>((resolve) => {
    setUp = resolve;
  });
  const ctx = { ready } as {
    target: Awaited<ReturnType<typeof startTarget>>;
    table: Awaited<ReturnType<typeof createTable>>;
    ready: Promise<void>;
  };
  before(async () => {
    ctx.target = await startTarget();
    ctx.table = await createTable(ctx.target, options);
    setUp();
  });
  after(async () => {
    await ctx.table?.delete();
    await ctx.target?.stop();
  });
  return ctx;
}
