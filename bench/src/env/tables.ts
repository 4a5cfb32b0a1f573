import { CreateTableCommand, type DynamoDBClient, type KeySchemaElement } from '@aws-sdk/client-dynamodb';

/** A table as one library expects it: name and key attributes (all strings). */
export interface TableSpec {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
}

/** Creates an on-demand table; dynalite makes it ACTIVE at once (createTableMs: 0). */
export async function createTable(ddb: DynamoDBClient, table: TableSpec): Promise<void> {
  const keys: KeySchemaElement[] = [{ AttributeName: table.partitionKey, KeyType: 'HASH' }];
  if (table.sortKey) keys.push({ AttributeName: table.sortKey, KeyType: 'RANGE' });
  try {
    await ddb.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keys,
        AttributeDefinitions: keys.map((k) => ({ AttributeName: k.AttributeName, AttributeType: 'S' })),
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceInUseException') throw error;
  }
}
