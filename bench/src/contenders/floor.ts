import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '../env/sdk-clients.js';
import { sleep } from '../util/sleep.js';
import type { Contender, ContenderKind } from './contender.js';

const TABLE = 'floor';
const RETRY_MS = 20;

/**
 * The physical floor: one conditional PutItem to take a key, one conditional DeleteItem to give
 * it back. No lease, no heartbeat, no fencing, no takeover — what any lock must at least spend.
 */
export const floor: ContenderKind = {
  id: 'floor',
  label: 'floor (raw PutItem + DeleteItem)',
  table: { name: TABLE, partitionKey: 'pk' },
  can: { heartbeat: false, wait: true, takeover: false },
  describe: () => `attribute_not_exists put, owner-conditioned delete; waits by retrying every ${RETRY_MS} ms`,
  create(endpoint, _settings, tag): Contender {
    const ddb = dynamoDbClient(endpoint, tag);
    const tryAcquire = async (key: string) => {
      const owner = randomUUID();
      try {
        await ddb.send(
          new PutItemCommand({
            TableName: TABLE,
            Item: { pk: { S: key }, owner: { S: owner } },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
      return {
        release: async () => {
          await ddb.send(
            new DeleteItemCommand({
              TableName: TABLE,
              Key: { pk: { S: key } },
              ConditionExpression: '#o = :o',
              ExpressionAttributeNames: { '#o': 'owner' },
              ExpressionAttributeValues: { ':o': { S: owner } },
            }),
          );
        },
      };
    };
    return {
      tryAcquire,
      async acquire(key, waitMs) {
        const deadline = performance.now() + waitMs;
        for (;;) {
          const held = await tryAcquire(key);
          if (held) return held;
          if (performance.now() > deadline) throw new Error(`floor: ${key} still held after ${waitMs} ms`);
          await sleep(RETRY_MS);
        }
      },
      close: async () => ddb.destroy(),
    };
  },
};
