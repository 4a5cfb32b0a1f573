// The baseline handler: middy and a DynamoDB client, no lock. The SDK stays external, as on
// Lambda's nodejs22.x runtime, which ships it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';

const ddb = new DynamoDBClient({});

export const handler = middy(async (event: { id: string }) => ({ id: event.id, client: typeof ddb.send }));
