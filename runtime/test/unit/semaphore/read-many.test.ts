import { BatchGetItemCommand, type BatchGetItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { clientInternals } from '../../../src/client/client-internals.js';
import { LockUnavailableError } from '../../../src/index.js';
import { readMany } from '../../../src/protocol/read-many.js';
import { lockItem, mockedClient } from '../support.js';

// Why the mock: UnprocessedKeys (a throttled BatchGetItem) never happen on a local server.

afterEach(() => {
  jest.useRealTimers();
});

const keysOf = (input: BatchGetItemCommandInput) => input.RequestItems!.locks!.Keys!.map((k) => k.pk!.S!);

it('asks again for the unprocessed keys only, consistently, and answers in the order asked', async () => {
  const { mock, client } = mockedClient();
  const asked: string[][] = [];
  mock.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => {
    expect(input.RequestItems!.locks!.ConsistentRead).toBe(true);
    const keys = keysOf(input);
    asked.push(keys);
    if (asked.length === 1) {
      return {
        Responses: { locks: [lockItem({ key: 'sem#2', owner: 'c' })] },
        UnprocessedKeys: { locks: { Keys: [{ pk: { S: 'sem#0' } }] } },
      };
    }
    return { Responses: { locks: keys.map((k) => lockItem({ key: k, owner: 'a' })) } };
  });
  const reading = readMany(clientInternals(client).protocol, [{ key: 'sem#0' }, { key: 'sem#1' }, { key: 'sem#2' }]);
  await jest.advanceTimersByTimeAsync(1_000);
  const seen = await reading;
  expect(asked).toEqual([['sem#0', 'sem#1', 'sem#2'], ['sem#0']]);
  expect(seen.map((i) => i && [i.key, i.owner])).toEqual([['sem#0', 'a'], undefined, ['sem#2', 'c']]);
});

it('a key that stays unprocessed is no answer: LockUnavailableError after five tries', async () => {
  const { mock, client } = mockedClient();
  mock.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => ({
    Responses: { locks: [] },
    UnprocessedKeys: { locks: { Keys: keysOf(input).map((k) => ({ pk: { S: k } })) } },
  }));
  const reading = readMany(clientInternals(client).protocol, [{ key: 'sem#0' }]).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(5_000);
  expect(await reading).toBeInstanceOf(LockUnavailableError);
  expect(mock.commandCalls(BatchGetItemCommand)).toHaveLength(5);
});
