import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import { getLock } from '../../../src/admin/index.js';
import { LockClient, LockUnavailableError } from '../../../src/index.js';
import { onRealDynamoDb, testDynamoClient, useTestTable } from '../../support/test-table.js';

// The request deadline aborts through whichever signal the client's request handler takes (see
// src/protocol/request-abort.ts): a plain object for the SDK's Node handler, a real AbortSignal
// for fetch(). A server that accepts a request and never answers is no DynamoDB server can be
// made into on demand, so those cases use a silent TCP server on 127.0.0.1; the fetch handler's
// normal path runs on the test target (dynalite, or real DynamoDB).

const table = useTestTable();
let silent: Server;
let endpoint: string;
const sockets: Socket[] = [];
beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.push(socket); // reads the request, never answers
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

const credentials = { accessKeyId: 'fake', secretAccessKey: 'fake' };
const handlers: [string, () => FetchHttpHandler | undefined][] = [
  ['Node http handler (plain signal)', () => undefined],
  ['fetch handler (real AbortSignal)', () => new FetchHttpHandler()],
];

test.each(handlers)('%s: a request nobody answers is aborted at its deadline by the handler', async (_name, handler) => {
  const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: handler() });
  const client = new LockClient({ tableName: 'locks', client: ddb, requestTimeoutMs: 200 });
  const before = sockets.length;
  const error = await client.tryAcquire('silent').catch((e: unknown) => e);
  // The acquire got no answer, then the read that looks for our own write got none either.
  expect(error).toBeInstanceOf(LockUnavailableError);
  expect(error).toMatchObject({ ambiguous: true });
  expect(sockets.length).toBeGreaterThan(before);
  // The handler itself saw the abort and rejected the request (our code only awaits it): a
  // signal it ignored would have left the call hanging past the test's timeout.
  expect((error as Error).cause).toMatchObject({ name: 'AbortError' });
  ddb.destroy();
});

test('a client on the fetch handler acquires, heartbeats and releases (fetch() took the real AbortSignal)', async () => {
  const ddb = onRealDynamoDb ? new DynamoDBClient({ requestHandler: new FetchHttpHandler() }) : fetchClientLike(testDynamoClient());
  const client = new LockClient({ tableName: table.tableName, client: ddb, leaseMs: 2_000, heartbeatMs: 0 });
  const lock = await client.acquire('over-fetch');
  await lock.heartbeat();
  expect(await getLock(client, 'over-fetch')).toMatchObject({ owner: client.ownerName, recordVersion: lock.recordVersion });
  expect(await lock.release()).toBe(true);
  expect(await getLock(client, 'over-fetch')).toMatchObject({ released: true });
  ddb.destroy();
});

/** The test target's endpoint and credentials, on the fetch handler. */
function fetchClientLike(local: DynamoDBClient): DynamoDBClient {
  local.destroy();
  return new DynamoDBClient({
    endpoint: process.env.DDB_LOCK_TEST_ENDPOINT,
    region: 'us-east-1',
    credentials,
    requestHandler: new FetchHttpHandler(),
  });
}
