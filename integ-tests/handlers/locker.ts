import { ConditionalCheckFailedException, DynamoDBClient, DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * Takes the lock named in the event with one conditional put, holds it, and releases it.
 *
 * TODO(issue 4): replace the raw put/delete with `withLock` from @ddb-lock/runtime once the
 * middleware lands, so the integ test exercises the real protocol. Until then this is the
 * protocol's floor: an `attribute_not_exists` put that only one contender can win.
 */
const client = new DynamoDBClient({});
const tableName = process.env.DDB_LOCK_TABLE_NAME!;

export async function handler(event: { key: string; holdMs: number }, context: { awsRequestId: string }): Promise<{ acquired: boolean }> {
  const key = { pk: { S: event.key } };
  try {
    await client.send(new PutItemCommand({
      TableName: tableName,
      Item: { ...key, owner: { S: context.awsRequestId }, ttl: { N: String(Math.floor(Date.now() / 1000) + 3600) } },
      ConditionExpression: 'attribute_not_exists(pk)',
    }));
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return { acquired: false };
    throw err;
  }
  await new Promise((resolve) => setTimeout(resolve, event.holdMs));
  await client.send(new DeleteItemCommand({
    TableName: tableName,
    Key: key,
    ConditionExpression: '#owner = :me',
    ExpressionAttributeNames: { '#owner': 'owner' },
    ExpressionAttributeValues: { ':me': { S: context.awsRequestId } },
  }));
  return { acquired: true };
}
