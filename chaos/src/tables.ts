import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../runtime/src/admin/index.js';
import { LockClient } from '../../runtime/src/index.js';

/** A client straight to the server (no proxy): for set-up, never for the traffic under test. */
export function directClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'chaos', secretAccessKey: 'chaos' } });
}

/** The lock table (through the client's own ensureTable) and the protected resources' table. */
export async function createTables(endpoint: string, lockTable: string, resourceTable: string): Promise<void> {
  const ddb = directClient(endpoint);
  try {
    await ensureTable(new LockClient({ tableName: lockTable, client: ddb }));
    await ddb.send(
      new CreateTableCommand({
        TableName: resourceTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
  } finally {
    ddb.destroy();
  }
}
