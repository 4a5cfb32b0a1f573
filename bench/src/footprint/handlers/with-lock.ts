// The baseline handler plus ddb-lock's withLock middleware; the difference is the lock's cost.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { LockClient } from '../../../../runtime/src/index.js';
import { withLock } from '../../../../runtime/src/middy/index.js';

const ddb = new DynamoDBClient({});
const locks = new LockClient({ tableName: 'locks', client: ddb });

export const handler = middy(async (event: { id: string }) => ({ id: event.id, client: typeof ddb.send })).use(
  withLock((event: { id: string }) => event.id, { client: locks }),
);
