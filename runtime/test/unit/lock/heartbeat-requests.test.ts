import { GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { conditionFailed, itemFromUpdate, mockedClient, operations } from '../support.js';

// Why the mock: the assertion is a request count on one path (a refused heartbeat on a deleted
// item), which only a stubbed client shows exactly.

afterEach(() => {
  jest.useRealTimers();
});

it('a heartbeat refused because the item was deleted sends no read: nobody uses who holds it', async () => {
  const { mock, client } = mockedClient();
  let writes = 0;
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
    if (writes++ === 0) return { Attributes: itemFromUpdate(input) };
    throw conditionFailed(); // no Item: DynamoDB omits it when the item is absent
  });
  mock.on(GetItemCommand).resolves({});
  const lock = await client.acquire('job', { autoHeartbeat: false });
  await expect(lock.heartbeat()).rejects.toMatchObject({ name: 'LockLostError', reason: 'stolen' });
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
});
