import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { fencedWrite, guardedTransaction } from '../../../src/index.js';
import {
  acquireRequest,
  fencedWriteRequest,
  grantCheck,
  heartbeatRequest,
  type LockTable,
  readRequest,
  releaseRequest,
} from '../../../src/protocol/index.js';
import { grantEveryWrite, inputsOf, lockItem, mockedClient, T0 } from '../support.js';

// Why the mock: these tests compare the exact requests the client sends with the protocol's
// request builders — the builders are the one place each request is written, and the bench's
// raw replay sends them too. request-shapes.test.ts keeps the literal wire shapes, so a bug in a
// builder fails there even though the client and the builder agree here.

afterEach(() => {
  jest.useRealTimers();
});

const TABLE: LockTable = { tableName: 'locks', partitionKeyName: 'pk', sortKeyName: undefined, ttlRetentionMs: 86_400_000 };
const rvnOf = (input: UpdateItemCommandInput) => input.ExpressionAttributeValues![':rvn']!.S!;

it('acquire, heartbeat and release send exactly what acquireRequest, heartbeatRequest and releaseRequest build', async () => {
  const { mock, client } = mockedClient({ leaseMs: 20_000 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job', { data: 'step 1', autoHeartbeat: false });
  await lock.heartbeat({ data: new Uint8Array([7]) });
  await lock.release({ data: 'done' });
  const [acquire, heartbeat, release] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
  const grant = { key: 'job', owner: 'me', fence: lock.fence };
  expect(acquire).toEqual(
    acquireRequest(
      TABLE,
      { key: 'job' },
      {
        owner: 'me',
        recordVersion: rvnOf(acquire!),
        leaseMs: 20_000,
        data: 'step 1',
        replaceData: true,
      },
      T0,
    ),
  );
  expect(heartbeat).toEqual(
    heartbeatRequest(TABLE, grant, { beat: 1, recordVersion: rvnOf(heartbeat!), leaseMs: 20_000, data: new Uint8Array([7]) }, T0),
  );
  const built = releaseRequest(TABLE, grant, { deleteItem: false, data: 'done' }, T0);
  expect('update' in built && built.update).toEqual(release);
});

it('a delete-on-release sends exactly the DeleteItem releaseRequest builds', async () => {
  const { mock, client } = mockedClient();
  grantEveryWrite(mock);
  mock.on(DeleteItemCommand).resolves({});
  const lock = await client.acquire('job', { deleteOnRelease: true });
  await lock.release();
  const [sent] = inputsOf<DeleteItemCommandInput>(mock, DeleteItemCommand);
  const built = releaseRequest(TABLE, { key: 'job', owner: 'me', fence: lock.fence }, { deleteItem: true }, T0);
  expect('delete' in built && built.delete).toEqual(sent);
});

it("getLock (and the wait loop's polls) read with exactly what readRequest builds", async () => {
  const { mock, client } = mockedClient();
  mock.on(GetItemCommand).resolves({ Item: lockItem() });
  await getLock(client, 'job');
  expect(inputsOf<GetItemCommandInput>(mock, GetItemCommand)).toEqual([readRequest(TABLE, { key: 'job' })]);
});

it('fencedWrite and guardedTransaction send what fencedWriteRequest and grantCheck build', async () => {
  const { mock, client } = mockedClient();
  grantEveryWrite(mock);
  mock.on(PutItemCommand).resolves({});
  mock.on(TransactWriteItemsCommand).resolves({});
  const lock = await client.acquire('job');
  const put = { TableName: 'orders', Item: { pk: { S: 'o-1' } }, ConditionExpression: 'attribute_exists(pk)' };
  await fencedWrite(lock, { put });
  const write = { Put: { TableName: 'orders', Item: { pk: { S: 'o-2' } } } };
  await guardedTransaction(lock, [write]);
  const built = fencedWriteRequest({ put }, lock.fence, 'lockFence');
  expect(inputsOf<PutItemCommandInput>(mock, PutItemCommand)).toEqual(['put' in built && built.put]);
  const [transaction] = inputsOf<TransactWriteItemsCommandInput>(mock, TransactWriteItemsCommand);
  expect(transaction!.TransactItems).toEqual([grantCheck(TABLE, { key: 'job', owner: 'me', fence: lock.fence }), write]);
  await lock.release();
});
