import {
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  DescribeTimeToLiveCommand,
  type DescribeTimeToLiveCommandOutput,
  type DynamoDBClient,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import { DEFAULTS } from '../defaults.js';
import { LockTableNotFoundError, LockUnavailableError } from '../errors.js';
import { LOCK_ITEM_SCHEMA } from '../protocol/item-schema.js';
import { sendWithDeadline } from '../protocol/send-with-deadline.js';
import { sleep } from '../protocol/sleep.js';

/**
 * What {@link ensureTable} found or did.
 *
 * @example
 * ```ts
 * const { created, ttlEnabled } = await ensureTable(client);
 * ```
 */
export interface EnsureTableResult {
  /** True when this call created the table. */
  readonly created: boolean;
  /** True when TTL on the `ttl` attribute is enabled; false without the TTL API (dynalite). A denied `UpdateTimeToLive` throws. */
  readonly ttlEnabled: boolean;
}

/**
 * Creates the client's lock table if it is missing — on-demand, the client's key schema — waits
 * until it is ACTIVE, and turns TTL on where the server supports it. Production tables belong in
 * infrastructure code (`@ddb-lock/construct`); this is for tests, demos and scripts.
 *
 * @example
 * ```ts
 * import { ensureTable } from '@ddb-lock/runtime/admin';
 * await ensureTable(new LockClient({ tableName: 'locks' }));
 * ```
 */
export async function ensureTable(client: LockClient): Promise<EnsureTableResult> {
  const { options, protocol } = clientInternals(client);
  const ddb = protocol.dynamoDb;
  const { tableName, partitionKeyName, sortKeyName, requestTimeoutMs } = options;
  const deadline = DEFAULTS.tableRequestTimeoutMs(requestTimeoutMs);
  let created = false;
  if (!(await describe(ddb, tableName, deadline))) {
    const keySchema: KeySchemaElement[] = [{ AttributeName: partitionKeyName, KeyType: 'HASH' }];
    if (sortKeyName !== undefined) keySchema.push({ AttributeName: sortKeyName, KeyType: 'RANGE' });
    try {
      await sendWithDeadline(
        ddb,
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: keySchema,
          AttributeDefinitions: keySchema.map((k) => ({ AttributeName: k.AttributeName, AttributeType: 'S' })),
        }),
        deadline,
      );
      created = true;
    } catch (error) {
      // Someone else created it between our describe and create: fine.
      if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
  }
  const waitUntil = Date.now() + DEFAULTS.tableActiveWaitMs;
  while ((await describe(ddb, tableName, deadline))?.Table?.TableStatus !== 'ACTIVE') {
    if (Date.now() > waitUntil) throw new LockUnavailableError(`table ${tableName} did not become ACTIVE`);
    await sleep(250);
  }
  return { created, ttlEnabled: await enableTtl(ddb, tableName, deadline) };
}

async function describe(ddb: DynamoDBClient, tableName: string, deadline: number): Promise<DescribeTableCommandOutput | undefined> {
  try {
    return await sendWithDeadline<DescribeTableCommandOutput>(ddb, new DescribeTableCommand({ TableName: tableName }), deadline);
  } catch (error) {
    if (error instanceof LockTableNotFoundError) return undefined;
    throw error;
  }
}

async function enableTtl(ddb: DynamoDBClient, tableName: string, deadline: number): Promise<boolean> {
  const attribute = LOCK_ITEM_SCHEMA.ttlAttributeName;
  try {
    const describeTtl = new DescribeTimeToLiveCommand({ TableName: tableName });
    const ttl = await sendWithDeadline<DescribeTimeToLiveCommandOutput>(ddb, describeTtl, deadline);
    const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
    if ((status === 'ENABLED' || status === 'ENABLING') && ttl.TimeToLiveDescription?.AttributeName === attribute) return true;
    await sendWithDeadline(
      ddb,
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
      deadline,
    );
    return true;
  } catch (error) {
    // dynalite and other local servers lack the TTL API; locks work without it, items just stay.
    // Only a missing operation says so: a denial (AccessDeniedException, whose message names
    // UpdateTimeToLive) or any other failure is the caller's to see, not a server without TTL.
    const name = (error as { name?: string }).name ?? '';
    if (/^(UnknownOperation|NotImplemented|UnrecognizedClient)/.test(name)) return false;
    throw error;
  }
}
