import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

// Jest loads global setup outside its module mapper: keep this file free of relative imports.

/**
 * Starts dynalite on 127.0.0.1 (free port, instant table creation) for the whole run unless the
 * environment points the tests at another server (DDB_LOCK_TEST_ENDPOINT) or at real DynamoDB
 * (DDB_LOCK_TEST_TARGET=aws). Workers inherit the endpoint through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DDB_LOCK_TEST_TARGET === 'aws' || process.env.DDB_LOCK_TEST_ENDPOINT) return;
  const require = createRequire(import.meta.url);
  const dynalite = require('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  process.env.DDB_LOCK_TEST_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (globalThis as { __ddbLockServer?: Server }).__ddbLockServer = server;
}
