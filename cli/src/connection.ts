import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LOCK_ITEM_SCHEMA, LockClient, type LockClientOptions } from '@ddb-lock/runtime';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/**
 * The options every command takes: which table, which key attributes, which endpoint. Region and
 * credentials come from the standard AWS environment (AWS_REGION, AWS_PROFILE, AWS_ACCESS_KEY_ID…).
 *
 * @example
 * ```ts
 * const client = connect({ table: 'locks', partitionKeyName: 'pk', endpoint: 'http://127.0.0.1:8000' });
 * ```
 */
export interface ConnectionOptions {
  readonly table?: string;
  readonly endpoint?: string;
  readonly partitionKeyName: string;
  readonly sortKeyName?: string;
}

/**
 * The table name from `--table` or DDB_LOCK_TABLE_NAME (the variable the construct's `bindTo` sets).
 *
 * @example
 * ```ts
 * tableNameOf({ partitionKeyName: 'pk' }); // process.env.DDB_LOCK_TABLE_NAME, or a usage error
 * ```
 */
export function tableNameOf(options: ConnectionOptions): string {
  const name = options.table ?? process.env[LOCK_ITEM_SCHEMA.tableNameEnvVar];
  if (!name) throw new CliError(`no table: pass --table NAME or set ${LOCK_ITEM_SCHEMA.tableNameEnvVar}`, EXIT.usage);
  return name;
}

/**
 * A LockClient on the chosen table. Bad flags become a usage error here, before any request.
 *
 * @example
 * ```ts
 * const client = connect(cmd.optsWithGlobals(), { leaseMs: 20_000 });
 * try { … } finally { client.dynamoDb.destroy(); }
 * ```
 */
export function connect(options: ConnectionOptions, extra: Partial<Omit<LockClientOptions, 'tableName' | 'client'>> = {}): LockClient {
  const tableName = tableNameOf(options);
  if (options.endpoint !== undefined) checkEndpoint(options.endpoint);
  // One attempt per SDK call: the lock client retries within deadlines taken from the lease.
  const ddb = new DynamoDBClient({ maxAttempts: 1, ...(options.endpoint !== undefined && { endpoint: options.endpoint }) });
  return new LockClient({
    ...extra,
    tableName,
    client: ddb,
    partitionKeyName: options.partitionKeyName,
    ...(options.sortKeyName !== undefined && { sortKeyName: options.sortKeyName }),
  });
}

function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new CliError(`--endpoint "${endpoint}" is not a URL (e.g. http://127.0.0.1:8000)`, EXIT.usage, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--endpoint must be an http:// or https:// URL, got "${endpoint}"`, EXIT.usage);
  }
}

/**
 * The lock named on the command line, with a clear usage error when the table's sort key is
 * named (`--sort-key-name`) but no `--sort-key` was given, or the other way round.
 *
 * @example
 * ```ts
 * const lock = lockKeyOf('orders', { partitionKeyName: 'pk', sortKeyName: 'sk', sortKey: 'customer#42' });
 * ```
 */
export function lockKeyOf(key: string, options: ConnectionOptions & { sortKey?: string }): { key: string; sortKey?: string } {
  if (options.sortKeyName !== undefined && options.sortKey === undefined) {
    throw new CliError(`the table has a sort key (--sort-key-name ${options.sortKeyName}): pass --sort-key VALUE`, EXIT.usage);
  }
  if (options.sortKeyName === undefined && options.sortKey !== undefined) {
    throw new CliError("--sort-key needs --sort-key-name (the table's sort key attribute)", EXIT.usage);
  }
  return { key, ...(options.sortKey !== undefined && { sortKey: options.sortKey }) };
}
