// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "old-python-table": a python_dynamodb_lock table with one item its dead holder never released, and a
// short lease so the drain check's wait is short.
import {
  CreateTableCommand as ContextCreateTable,
  DynamoDBClient as ContextDynamoDB,
  PutItemCommand as ContextPut,
} from '@aws-sdk/client-dynamodb';

const contextDdb = new ContextDynamoDB({});
await contextDdb.send(
  new ContextCreateTable({
    TableName: 'DynamoDBLockTable',
    AttributeDefinitions: [
      { AttributeName: 'lock_key', AttributeType: 'S' },
      { AttributeName: 'sort_key', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'lock_key', KeyType: 'HASH' },
      { AttributeName: 'sort_key', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  }),
);
await contextDdb.send(
  new ContextPut({
    TableName: 'DynamoDBLockTable',
    Item: {
      lock_key: { S: 'nightly-report' },
      sort_key: { S: '-' },
      owner_name: { S: 'old-worker-1' },
      lease_duration: { N: '30' },
      record_version_number: { S: 'b7c1d6' },
    },
  }),
);
process.env.OLD_LEASE_MS ??= '300';
