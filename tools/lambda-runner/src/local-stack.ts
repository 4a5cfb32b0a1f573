import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS } from '@ddb-lock/local-dynamo';
import { LockClient, type LockInfo } from '@ddb-lock/runtime';
import { ensureTable, getLock } from '@ddb-lock/runtime/admin';
import { readFunction, readTable, type SynthesizedFunction } from './cloud-assembly.ts';
import { LocalLambda } from './local-lambda.ts';

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
export async function startLocalStack(
  assemblyDir: string,
  stackName: string,
  dynamoEndpoint: string | undefined,
  functionEndpoint = dynamoEndpoint,
) {
  const fnSpec = readFunction(assemblyDir, { stack: stackName, prefix: 'Worker' });
  const tableSpec = readTable(assemblyDir, { stack: stackName });
  const tableName = `${stackName}-${tableSpec.logicalId}-${Date.now().toString(36)}`;
  const ddb =
    dynamoEndpoint === undefined
      ? new DynamoDBClient({})
      : new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS });
  const admin = new LockClient({
    tableName,
    client: ddb,
    partitionKeyName: tableSpec.partitionKey,
    ...(tableSpec.sortKey !== undefined && { sortKeyName: tableSpec.sortKey }),
  });
  await ensureTable(admin);
  const resolve = (spec: SynthesizedFunction) =>
    Object.fromEntries(
      Object.entries(spec.environment).map(([name, value]) => [name, value === `\${ref:${tableSpec.logicalId}}` ? tableName : value]),
    );
  const environment = resolve(fnSpec);
  const fn = new LocalLambda(fnSpec, environment, functionEndpoint);
  const others = new Map<string, LocalLambda>();
  return {
    tableName,
    admin,
    fn,
    leaseMs: Number(environment.LOCK_LEASE_MS),
    /** Another function of the stack (by logical ID prefix, e.g. 'Report'), run the same way. */
    lambda(prefix: string): LocalLambda {
      let other = others.get(prefix);
      if (!other) {
        const spec = readFunction(assemblyDir, { stack: stackName, prefix });
        other = new LocalLambda(spec, resolve(spec), functionEndpoint);
        others.set(prefix, other);
      }
      return other;
    },
    /** Resolves with the item once a lock is held (not released) by an environment of the function. */
    async heldByFunction(key: string, logicalId = fnSpec.logicalId): Promise<LockInfo> {
      for (let i = 0; i < 500; i++) {
        const info = await getLock(admin, key);
        // Default owners name the function: `lambda:<function>[:<log stream>]#…` (issue 21).
        if (info && !info.released && /^lambda:([^:#]+)[:#]/.exec(info.owner)?.[1] === logicalId) return info;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`${key} was never held by ${logicalId}`);
    },
    async close() {
      await Promise.all([fn, ...others.values()].map((f) => f.close()));
      // A real table costs money; a local one goes with its server, but tidy either way.
      await ddb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      ddb.destroy();
    },
  };
}
