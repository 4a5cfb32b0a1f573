import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { resolveClientOptions } from '../../../runtime/src/client/lock-client-options.js';
import { LockProtocol } from '../../../runtime/src/protocol/lock-protocol.js';
import { dynamoDbClient } from '../env/sdk-clients.js';

/**
 * Diagnostic, not a contender: ddb-lock's own acquire and release requests (the protocol's exact
 * UpdateItem shapes) sent straight through the SDK, without the client around them. Its gap to
 * the floor is what the server spends on ddb-lock's expressions; ddb-lock's gap to it is the
 * client's own overhead (deadline timers, validation, the Lock object and its timers).
 */
export function ddbLockRawReplay(endpoint: string): { pair(key: string): Promise<void>; close(): void } {
  const ddb = dynamoDbClient(endpoint);
  const protocol = new LockProtocol(ddb, resolveClientOptions({ tableName: 'ddb-lock', client: ddb }));
  return {
    async pair(key) {
      const acquired = await ddb.send(new UpdateItemCommand(
        protocol.acquireInput({ key }, { owner: 'raw', recordVersion: randomUUID(), leaseMs: 20_000, replaceData: true }),
      ));
      await ddb.send(new UpdateItemCommand({
        TableName: 'ddb-lock', Key: { pk: { S: key } },
        UpdateExpression: 'SET #released = :true, #ttl = :ttl', ConditionExpression: '#owner = :owner AND #fence = :fence',
        ExpressionAttributeNames: { '#released': 'released', '#ttl': 'ttl', '#owner': 'owner', '#fence': 'fence' },
        ExpressionAttributeValues: {
          ':true': { BOOL: true }, ':ttl': { N: String(protocol.ttlSeconds(Date.now())) },
          ':owner': { S: 'raw' }, ':fence': acquired.Attributes!.fence!,
        },
      }));
    },
    close: () => ddb.destroy(),
  };
}
