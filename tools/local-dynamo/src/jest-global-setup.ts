import type { LocalDynamo } from './local-dynamo.ts';
import { serverFromEnvironment, startLocalServer } from './local-server.ts';
import { motoMissing } from './moto-install.ts';

/**
 * Jest `globalSetup` of every suite that talks to DynamoDB (the runtime's, the example app's):
 * starts the local server named by DDB_LOCK_TEST_SERVER (dynalite unless set to moto) on
 * 127.0.0.1, on a free port, for the whole run — unless the environment points the tests at a
 * server that is already running (DDB_LOCK_TEST_ENDPOINT) or at real DynamoDB
 * (DDB_LOCK_TEST_TARGET=aws). Workers inherit the endpoint and the server's name through the
 * environment. moto missing is an error here: scripts/jest-moto.mjs decides whether to skip.
 *
 * @example
 * ```json
 * { "globalSetup": "@ddb-lock/local-dynamo/jest-global-setup", "globalTeardown": "@ddb-lock/local-dynamo/jest-global-teardown" }
 * ```
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DDB_LOCK_TEST_TARGET === 'aws' || process.env.DDB_LOCK_TEST_ENDPOINT) return;
  const name = serverFromEnvironment();
  const missing = name === 'moto' ? motoMissing() : undefined;
  if (missing) throw new Error(missing);
  const server = await startLocalServer(name);
  process.env.DDB_LOCK_TEST_ENDPOINT = server.endpoint;
  process.env.DDB_LOCK_TEST_SERVER = name;
  (globalThis as { __ddbLockServer?: LocalDynamo }).__ddbLockServer = server;
}
