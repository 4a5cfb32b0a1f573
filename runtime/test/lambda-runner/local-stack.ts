import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LockClient } from '../../src/index.js';
import { readFunction, readTable } from './cloud-assembly.js';
import { LocalLambda } from './local-lambda.js';

/**
 * The example stack brought up locally: its table created on the given DynamoDB endpoint from the
 * template's key schema, and its function runnable through {@link LocalLambda} with the
 * template's environment (the table's `Ref` resolved to the local table name). Without an
 * endpoint the table is created in real DynamoDB (standard AWS environment) and deleted by
 * `close()`; the functions still run here.
 *
 * @example
 * ```ts
 * const stack = await startLocalStack(assemblyDir, 'DdbLockExample', endpoint, proxy.endpoint);
 * await stack.fn.invoke({ customerId: 'c1' });
 * await stack.close();
 * ```
 */
export async function startLocalStack(assemblyDir: string, stackName: string, dynamoEndpoint: string | undefined, functionEndpoint = dynamoEndpoint) {
  const fnSpec = readFunction(assemblyDir, { stack: stackName });
  const tableSpec = readTable(assemblyDir, { stack: stackName });
  const tableName = `${stackName}-${tableSpec.logicalId}-${Date.now().toString(36)}`;
  const ddb = dynamoEndpoint === undefined
    ? new DynamoDBClient({})
    : new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const admin = new LockClient({
    tableName, client: ddb, partitionKeyName: tableSpec.partitionKey,
    ...(tableSpec.sortKey !== undefined && { sortKeyName: tableSpec.sortKey }),
  });
  await admin.ensureTable();
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(fnSpec.environment)) {
    environment[name] = value === `\${ref:${tableSpec.logicalId}}` ? tableName : value;
  }
  const fn = new LocalLambda(fnSpec, environment, functionEndpoint);
  return {
    tableName,
    admin,
    fn,
    leaseMs: Number(environment.LOCK_LEASE_MS),
    /** Resolves once a lock item is held (not released) by one of this function's environments. */
    async heldByFunction(key: string): Promise<void> {
      for (let i = 0; i < 500; i++) {
        const info = await admin.getLock(key);
        if (info && !info.released && info.owner.startsWith(`${fnSpec.logicalId}#`)) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`${key} was never held by ${fnSpec.logicalId}`);
    },
    async close() {
      await fn.close();
      // A real table costs money; a local one goes with its server, but tidy either way.
      await ddb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      ddb.destroy();
    },
  };
}
