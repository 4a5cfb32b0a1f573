import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { createTestTable } from '../support/test-table.js';

let table: Awaited<ReturnType<typeof createTestTable>>;
beforeAll(async () => { table = await createTestTable(); });
afterAll(async () => { await table.dispose(); });

test('acquire and release', async () => {
  const client = table.client({ leaseMs: 2000, heartbeatMs: 500 });
  const lock = await client.acquire('k');
  expect(lock.isValid()).toBe(true);
  expect(await lock.release()).toBe(true);
});
