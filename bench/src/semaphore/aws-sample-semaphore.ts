import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The counter protocol of AWS's Step Functions sample "controlling concurrency in distributed
 * systems" (aws-samples/aws-stepfunctions-examples, sam/app-control-concurrency-with-dynamodb),
 * reproduced with the SDK: one item per semaphore with a counter and one attribute per holder.
 * Acquire: UpdateItem `SET currentlockcount = currentlockcount + 1, #holder = :now` if
 * `currentlockcount < :limit` (the first use creates the item with a count of 0, then retries).
 * Release: UpdateItem `SET currentlockcount = currentlockcount - 1 REMOVE #holder` if the holder
 * attribute exists. There is no lease: a holder that dies keeps its unit until a separate
 * clean-up removes it.
 */
export class AwsSampleSemaphore {
  constructor(
    private readonly ddb: DynamoDBClient,
    private readonly tableName: string,
    private readonly name: string,
    private readonly limit: number,
  ) {}

  /** One attempt: true when a unit was taken for `holder`. */
  async tryAcquire(holder: string): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.ddb.send(
          new UpdateItemCommand({
            TableName: this.tableName,
            Key: { pk: { S: this.name } },
            UpdateExpression: 'SET #count = #count + :one, #holder = :now',
            ConditionExpression: 'attribute_exists(#count) AND #count < :limit AND attribute_not_exists(#holder)',
            ExpressionAttributeNames: { '#count': 'currentlockcount', '#holder': holder },
            ExpressionAttributeValues: { ':one': { N: '1' }, ':limit': { N: String(this.limit) }, ':now': { S: new Date().toISOString() } },
          }),
        );
        return true;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (attempt > 0 || !(await this.initialize())) return false;
      }
    }
    return false;
  }

  /** Gives the unit back. */
  async release(holder: string): Promise<void> {
    await this.ddb.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: this.name } },
        UpdateExpression: 'SET #count = #count - :one REMOVE #holder',
        ConditionExpression: 'attribute_exists(#holder)',
        ExpressionAttributeNames: { '#count': 'currentlockcount', '#holder': holder },
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
  }

  /** The sample's "initialize lock item" branch: true when this call created the item. */
  private async initialize(): Promise<boolean> {
    try {
      await this.ddb.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { pk: { S: this.name }, currentlockcount: { N: '0' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
