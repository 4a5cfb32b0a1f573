import { ConditionalCheckFailedException, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { clientInternals } from '../../../src/client/client-internals.js';
import { lockInternals } from '../../../src/lock/lock-internals.js';
import { countRequests, loseResponses, useTestTable } from '../../support/test-table.js';

// Responses are lost for real: the request reaches dynalite and is applied, then the client sees
// a connection reset (injected in the SDK's middleware stack after the response arrived).

const table = useTestTable();

test('acquire whose response is lost: the retry recognises our own record version — never "busy"', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 250 });
  const lose = loseResponses(client.dynamoDb, 'UpdateItem');
  const lock = await client.tryAcquire('lost-acquire');
  expect(lose.lost()).toBe(1);
  expect(lock).toBeDefined();
  const stored = await getLock(client, 'lost-acquire');
  expect(stored).toMatchObject({ owner: client.ownerName, recordVersion: lock!.recordVersion, fence: lock!.fence });
  await lock!.release();
});

test('heartbeat whose response is lost: the next heartbeat succeeds, no spurious loss', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 250 });
  const lock = await client.acquire('lost-heartbeat', { autoHeartbeat: false });
  const lose = loseResponses(client.dynamoDb, 'UpdateItem');
  await lock.heartbeat(); // lost response, retried: the condition is on owner + fence, so it lands again
  expect(lose.lost()).toBe(1);
  await lock.heartbeat();
  expect(lock.isValid()).toBe(true);
  expect((await getLock(client, 'lost-heartbeat'))?.recordVersion).toBe(lock.recordVersion);
  await lock.release();
});

test('release whose response is lost reports success and leaves the item released', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 250 });
  const lock = await client.acquire('lost-release');
  loseResponses(client.dynamoDb, 'UpdateItem');
  expect(await lock.release()).toBe(true);
  expect(await getLock(client, 'lost-release')).toMatchObject({ released: true, fence: lock.fence });
});

test('delete-on-release whose response is lost reports success', async () => {
  const client = table.client({ leaseMs: 1_000, heartbeatMs: 250 });
  const lock = await client.acquire('lost-delete', { deleteOnRelease: true });
  loseResponses(client.dynamoDb, 'DeleteItem');
  expect(await lock.release()).toBe(true);
  expect(await getLock(client, 'lost-delete')).toBeUndefined();
});

test("a release replayed after a successor acquired never modifies the successor's item", async () => {
  const first = table.client({ leaseMs: 1_000, heartbeatMs: 250 });
  const second = table.client({ leaseMs: 1_000, heartbeatMs: 250 });
  const old = await first.acquire('replayed');
  await old.release();
  const current = await second.acquire('replayed');
  const before = await getLock(second, 'replayed');
  // Replay the old holder's release and heartbeat at the protocol level (delayed duplicates).
  const requests = countRequests(first.dynamoDb);
  const { protocol } = clientInternals(first);
  const { grant } = lockInternals(old);
  expect(await protocol.release(grant, { deleteItem: false })).toBe(false);
  expect(await protocol.release(grant, { deleteItem: true })).toBe(false);
  expect((await protocol.heartbeat(grant, 1, 60_000, undefined, 1_000)).held).toBe(false);
  expect(requests.total()).toBeGreaterThan(0);
  expect(await getLock(second, 'replayed')).toEqual(before);
  await current.release();
});

test('a late copy of an older heartbeat is refused: a record version never comes back (found by the chaos long run)', async () => {
  // A waiter that saw version A, missed the newer B and saw A again would count a lease from its
  // first sighting of A while the holder counts from B: the table must refuse A's late copy.
  const holder = table.client({ leaseMs: 5_000, heartbeatMs: 0 });
  const sent: UpdateItemCommandInput[] = [];
  holder.dynamoDb.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'UpdateItemCommand') sent.push(structuredClone(args.input as UpdateItemCommandInput));
      return next(args);
    },
    { step: 'initialize', name: 'recordUpdates' },
  );
  const lock = await holder.acquire('late-beat');
  await lock.heartbeat();
  const older = sent.at(-1)!;
  await lock.heartbeat();
  const current = await getLock(holder, 'late-beat');
  await expect(table.admin.send(new UpdateItemCommand(older))).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  expect(await getLock(holder, 'late-beat')).toEqual(current);
  // The newest heartbeat itself, delivered twice, lands again (a retry after a lost response).
  await table.admin.send(new UpdateItemCommand(sent.at(-1)!));
  expect((await getLock(holder, 'late-beat'))!.recordVersion).toBe(lock.recordVersion);
  await lock.release();
});
