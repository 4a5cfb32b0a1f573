// The baseline handler plus Powertools' idempotency middleware (the peer users would pick for a one-shot lock).

import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';

const ddb = new DynamoDBClient({});
const persistenceStore = new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: ddb });

export const handler = middy(async (event: { id: string }) => ({ id: event.id, client: typeof ddb.send })).use(
  makeHandlerIdempotent({ persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }) }),
);
