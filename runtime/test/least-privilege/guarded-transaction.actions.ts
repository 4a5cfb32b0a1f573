import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { guardedTransaction } from '../../src/index.js';
import { createTestTable } from '../support/test-table.js';

// Run only by the construct's least-privilege check (npm run test:least-privilege -w construct),
// beside the integration suite, which has no guardedTransaction because dynalite has no
// TransactWriteItems. The request is still sent, which is what the recorder needs; a server
// without transactions refuses the operation, one with them (moto, DynamoDB) applies it.

let table: Awaited<ReturnType<typeof createTestTable>>;
const protectedTable = `ddb-lock-protected-${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  table = await createTestTable();
  // The application's table, made by the test (not by ensureTable): it is not a lock table.
  await table.admin.send(
    new CreateTableCommand({
      TableName: protectedTable,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    }),
  );
});
afterAll(async () => {
  await table.admin.send(new DeleteTableCommand({ TableName: protectedTable })).catch(() => undefined);
  await table.dispose();
});

test('guardedTransaction sends its lock check and the caller write in one TransactWriteItems', async () => {
  const client = table.client();
  const lock = await client.acquire('guarded', { waitMs: 0 });
  const outcome = await guardedTransaction(lock, [
    { Put: { TableName: protectedTable, Item: { id: { S: 'order-1' }, status: { S: 'paid' } } } },
  ]).then(
    () => 'applied',
    (e: Error) => e.name,
  );
  expect(['applied', 'UnknownOperationException']).toContain(outcome);
  await lock.release();
});
