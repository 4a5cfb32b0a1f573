import { type AttributeValue, QueryCommand, type QueryCommandOutput, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { clientInternals } from '../client/client-internals.js';
import type { LockClient } from '../client/lock-client.js';
import type { LockInfo } from '../protocol/lock-info.js';
import { checkDuration, checkKnownKeys, checkString, MAX_PARTITION_KEY_BYTES } from '../validate.js';

/**
 * Options of {@link listLocks}.
 *
 * @example
 * ```ts
 * const options: ListLocksOptions = { key: 'orders', pageSize: 100 };
 * ```
 */
export interface ListLocksOptions {
  /** Only this partition (a Query; on tables with a sort key). @default - every lock (a Scan) */
  readonly key?: string;
  /** Items per request. @default - as many as fit in 1 MB */
  readonly pageSize?: number;
}

/**
 * Every lock item of the client's table, paginated: a Query of one partition when `key` is given
 * (tables with a sort key), otherwise a Scan. ConsistentRead throughout.
 *
 * @example
 * ```ts
 * import { listLocks } from '@ddb-lock/runtime/admin';
 * for await (const info of listLocks(client)) if (!info.released) console.log(info.key, info.owner);
 * ```
 */
export async function* listLocks(client: LockClient, options: ListLocksOptions = {}): AsyncGenerator<LockInfo> {
  const { options: settings, protocol } = clientInternals(client);
  checkKnownKeys('listLocks options', options, ['key', 'pageSize']);
  if (options.key !== undefined) checkString('key', options.key, MAX_PARTITION_KEY_BYTES);
  checkDuration('pageSize', options.pageSize);
  const { tableName, partitionKeyName } = settings;
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page =
      options.key !== undefined
        ? await protocol.send<QueryCommandOutput>(
            new QueryCommand({
              TableName: tableName,
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
              Limit: options.pageSize,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': partitionKeyName },
              ExpressionAttributeValues: { ':pk': { S: options.key } },
            }),
          )
        : await protocol.send<ScanCommandOutput>(
            new ScanCommand({
              TableName: tableName,
              ConsistentRead: true,
              ExclusiveStartKey: startKey,
              Limit: options.pageSize,
            }),
          );
    for (const item of page.Items ?? []) {
      const info = protocol.parse(item);
      if (info) yield info;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
