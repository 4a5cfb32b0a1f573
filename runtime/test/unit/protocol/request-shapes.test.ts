import {
  DeleteItemCommand,
  type DeleteItemCommandInput,
  GetItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { conditionFailed, grantEveryWrite, inputsOf, lockItem, mockedClient, T0, unusedPlaceholders } from '../support.js';

// Why the mock: every test here asserts the exact request shape sent to DynamoDB (expressions,
// placeholders, return-value settings), which a real server only shows indirectly. What servers
// do with these requests is covered by the integration suites, on dynalite and on moto.

afterEach(() => {
  jest.useRealTimers();
});

const FENCE = T0 * 1000 + 1;
/** Fair waiting (the default): a caller with no place takes a free lock only while nobody queues. */
const NOBODY_QUEUES = 'attribute_not_exists(#q) OR size(#q) = :qzero';
const ACQUIRE_SET =
  'SET #owner = :owner, #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, ' +
  '#released = :false, #beat = :zero, #fence = if_not_exists(#fence, :fenceBase) + :one';

describe('acquire', () => {
  it('is one UpdateItem that grants, bumps the fence from a time base and returns both item images', async () => {
    const { mock, client } = mockedClient({ leaseMs: 20_000, ttlRetentionMs: 1_234 });
    grantEveryWrite(mock);
    const lock = await client.acquire('job', { fair: true });
    const [input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input).toEqual({
      TableName: 'locks',
      Key: { pk: { S: 'job' } },
      // No new data and replaceData defaults to true: the previous holder's data goes.
      UpdateExpression: `${ACQUIRE_SET} REMOVE #data`,
      ConditionExpression: `(attribute_not_exists(#pk) OR #released = :true) AND (${NOBODY_QUEUES})`,
      ExpressionAttributeNames: {
        '#pk': 'pk',
        '#q': 'q',
        '#owner': 'owner',
        '#rvn': 'rvn',
        '#fence': 'fence',
        '#leaseMs': 'leaseMs',
        '#expiresAt': 'expiresAt',
        '#released': 'released',
        '#ttl': 'ttl',
        '#beat': 'beat',
        '#data': 'data',
      },
      ExpressionAttributeValues: {
        ':owner': { S: 'me' },
        ':zero': { N: '0' },
        ':rvn': { S: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        ':leaseMs': { N: '20000' },
        ':expiresAt': { N: String(T0 + 20_000) },
        // Epoch seconds, rounded up: (wall + lease + retention) / 1000 = …21.234 → …22.
        ':ttl': { N: String(Math.ceil((T0 + 20_000 + 1_234) / 1000)) },
        ':true': { BOOL: true },
        ':false': { BOOL: false },
        ':fenceBase': { N: String(T0 * 1000) },
        ':one': { N: '1' },
        ':qzero': { N: '0' },
      },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(unusedPlaceholders(input!)).toEqual([]);
    expect(lock.fence).toBe(FENCE);
    expect(lock.recordVersion).toBe(input!.ExpressionAttributeValues![':rvn']!.S);
    await lock.release();
  });

  it('writes TTL in epoch seconds, never milliseconds', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    jest.setSystemTime(T0 + 1); // a wall clock off the second boundary tells ceil from floor/round
    const lock = await client.acquire('job');
    const ttl = Number(inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand)[0]!.ExpressionAttributeValues![':ttl']!.N);
    expect(ttl).toBe(Math.ceil((T0 + 1 + 20_000 + 86_400_000) / 1000));
    expect(ttl).toBeLessThan(1e10); // milliseconds would be ~1.8e12
    await lock.release();
  });

  it.each([
    ['a string as S', 'hello', { S: 'hello' }],
    ['bytes as B', new Uint8Array([1, 2, 3]), { B: new Uint8Array([1, 2, 3]) }],
  ])('stores data %s and does not remove it', async (_label, data, stored) => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const lock = await client.acquire('job', { data });
    const [input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input!.UpdateExpression).toBe(`${ACQUIRE_SET}, #data = :data`);
    expect(input!.ExpressionAttributeValues![':data']).toEqual(stored);
    expect(input!.ExpressionAttributeNames!['#data']).toBe('data');
    expect(unusedPlaceholders(input!)).toEqual([]);
    expect(lock.data).toEqual(data);
    await lock.release();
  });

  it('keeps the previous data with replaceData: false and declares no #data name', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const lock = await client.acquire('job', { replaceData: false });
    const [input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input!.UpdateExpression).toBe(ACQUIRE_SET);
    expect(input!.ExpressionAttributeNames).not.toHaveProperty('#data');
    expect(unusedPlaceholders(input!)).toEqual([]);
    await lock.release();
  });

  it('adds "owner is me" to the grounds when reentrant (with fair waiting: a held item, whatever the queue)', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    const barging = await client.acquire('job', { reentrant: true, fair: false });
    const [input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input!.ConditionExpression).toBe('attribute_not_exists(#pk) OR #released = :true OR #owner = :owner');
    expect(unusedPlaceholders(input!)).toEqual([]);
    await barging.release();
    const lock = await client.acquire('job', { reentrant: true, fair: true });
    const fair = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand).at(-1)!;
    expect(fair.ConditionExpression).toBe(
      `(attribute_not_exists(#pk) OR #released = :true) AND (${NOBODY_QUEUES}) OR (#owner = :owner AND #released = :false)`,
    );
    expect(unusedPlaceholders(fair)).toEqual([]);
    expect(unusedPlaceholders(input!)).toEqual([]);
    await lock.release();
  });

  it('adds "expired before now − maxSkew" to the grounds in fast takeover mode', async () => {
    const { mock, client } = mockedClient({ trustWallClock: { maxSkewMs: 500 } });
    grantEveryWrite(mock);
    const lock = await client.acquire('job', { fair: true });
    const [input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input!.ConditionExpression).toBe(
      `(attribute_not_exists(#pk) OR #released = :true OR #expiresAt < :expiredBefore) AND (${NOBODY_QUEUES})`,
    );
    expect(input!.ExpressionAttributeValues![':expiredBefore']).toEqual({ N: String(T0 - 500) });
    expect(unusedPlaceholders(input!)).toEqual([]);
    await lock.release();
  });

  it('takes over only with the watched record version, and only after watching it for a full lease', async () => {
    const { mock, client } = mockedClient({ leaseMs: 4_000, pollMs: 200 });
    const holder = lockItem({ rvn: 'stuck', leaseMs: 1_000 });
    const sentAt: number[] = [];
    mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
      sentAt.push(performance.now());
      if (input.ConditionExpression!.includes(':observedRvn'))
        return { Attributes: { ...holder, owner: { S: 'me' }, rvn: input.ExpressionAttributeValues![':rvn']!, fence: { N: '8' } } };
      throw conditionFailed(holder);
    });
    mock.on(GetItemCommand).resolves({ Item: holder });
    const acquiring = client.acquire('job', { waitMs: 5_000, fair: true });
    await jest.advanceTimersByTimeAsync(1_500);
    const lock = await acquiring;
    const inputs = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    const takeover = inputs.at(-1)!;
    expect(takeover.ConditionExpression).toBe(
      `(attribute_not_exists(#pk) OR #released = :true OR #rvn = :observedRvn) AND (${NOBODY_QUEUES})`,
    );
    expect(takeover.ExpressionAttributeValues![':observedRvn']).toEqual({ S: 'stuck' });
    expect(unusedPlaceholders(takeover)).toEqual([]);
    // Every earlier attempt asked only for a free lock; the takeover came a full lease after the first sighting.
    for (const earlier of inputs.slice(0, -1)) expect(earlier.ConditionExpression).not.toContain(':observedRvn');
    expect(sentAt.at(-1)! - sentAt[0]!).toBeGreaterThanOrEqual(1_000);
    expect(lock.fence).toBe(8);
    await lock.release();
  });

  it('names the sort key on tables that have one', async () => {
    const { mock, client } = mockedClient({ sortKeyName: 'sk' });
    grantEveryWrite(mock);
    const lock = await client.acquire('job', { sortKey: 'part-1' });
    await lock.heartbeat();
    await lock.release();
    for (const input of inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand)) {
      expect(input.Key).toEqual({ pk: { S: 'job' }, sk: { S: 'part-1' } });
    }
    expect(lock.sortKey).toBe('part-1');
  });
});

describe('heartbeat', () => {
  it('rotates the record version, extends lease and TTL, conditional on owner + fence + not released', async () => {
    const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000 });
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    const acquiredRvn = lock.recordVersion;
    await jest.advanceTimersByTimeAsync(5_000);
    const [, input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    const wall = T0 + 5_000;
    expect(input).toEqual({
      TableName: 'locks',
      Key: { pk: { S: 'job' } },
      UpdateExpression: 'SET #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #beat = :beat',
      // The beat refuses a late copy of an older heartbeat: a record version never comes back.
      ConditionExpression: '#owner = :owner AND #fence = :fence AND #released = :false AND (attribute_not_exists(#beat) OR #beat <= :beat)',
      ExpressionAttributeNames: {
        '#owner': 'owner',
        '#fence': 'fence',
        '#released': 'released',
        '#rvn': 'rvn',
        '#leaseMs': 'leaseMs',
        '#expiresAt': 'expiresAt',
        '#ttl': 'ttl',
        '#beat': 'beat',
      },
      ExpressionAttributeValues: {
        ':owner': { S: 'me' },
        ':fence': { N: String(FENCE) },
        ':false': { BOOL: false },
        ':beat': { N: '1' },
        ':rvn': { S: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        ':leaseMs': { N: '20000' },
        ':expiresAt': { N: String(wall + 20_000) },
        ':ttl': { N: String(Math.ceil((wall + 20_000 + 86_400_000) / 1000)) },
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(unusedPlaceholders(input!)).toEqual([]);
    expect(input!.ExpressionAttributeValues![':rvn']!.S).not.toBe(acquiredRvn);
    expect(lock.recordVersion).toBe(input!.ExpressionAttributeValues![':rvn']!.S);
    await lock.release();
  });

  it('manual heartbeat can change lease and data', async () => {
    const { mock, client } = mockedClient({ heartbeatMs: 0 });
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    await lock.heartbeat({ leaseMs: 30_000, data: new Uint8Array([9]) });
    const [, input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input!.UpdateExpression).toBe(
      'SET #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #beat = :beat, #data = :data',
    );
    expect(input!.ExpressionAttributeValues![':leaseMs']).toEqual({ N: '30000' });
    expect(input!.ExpressionAttributeValues![':data']).toEqual({ B: new Uint8Array([9]) });
    expect(unusedPlaceholders(input!)).toEqual([]);
    expect(lock.leaseMs).toBe(30_000);
    await lock.release();
  });
});

describe('release', () => {
  it('keeps the item by default: released = true, TTL from now + retention (epoch seconds)', async () => {
    const { mock, client } = mockedClient({ ttlRetentionMs: 60_500 });
    grantEveryWrite(mock);
    const lock = await client.acquire('job');
    jest.setSystemTime(T0 + 700);
    expect(await lock.release({ data: 'done' })).toBe(true);
    const [, input] = inputsOf<UpdateItemCommandInput>(mock, UpdateItemCommand);
    expect(input).toEqual({
      TableName: 'locks',
      Key: { pk: { S: 'job' } },
      UpdateExpression: 'SET #released = :true, #ttl = :ttl, #data = :data',
      ConditionExpression: '#owner = :owner AND #fence = :fence',
      ExpressionAttributeNames: { '#owner': 'owner', '#fence': 'fence', '#released': 'released', '#ttl': 'ttl', '#data': 'data' },
      ExpressionAttributeValues: {
        ':owner': { S: 'me' },
        ':fence': { N: String(FENCE) },
        ':true': { BOOL: true },
        ':ttl': { N: String(Math.ceil((T0 + 700 + 60_500) / 1000)) },
        ':data': { S: 'done' },
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    expect(unusedPlaceholders(input!)).toEqual([]);
    expect(lock.state).toBe('released');
  });

  it('deletes the item in delete mode, with the same owner + fence condition, while nobody queues', async () => {
    const { mock, client } = mockedClient();
    grantEveryWrite(mock);
    mock.on(DeleteItemCommand).resolves({});
    const lock = await client.acquire('job', { deleteOnRelease: true });
    expect(await lock.release()).toBe(true);
    expect(inputsOf<DeleteItemCommandInput>(mock, DeleteItemCommand)).toEqual([
      {
        TableName: 'locks',
        Key: { pk: { S: 'job' } },
        ConditionExpression: `#owner = :owner AND #fence = :fence AND (${NOBODY_QUEUES})`,
        ExpressionAttributeNames: { '#owner': 'owner', '#fence': 'fence', '#q': 'q' },
        ExpressionAttributeValues: { ':owner': { S: 'me' }, ':fence': { N: String(FENCE) }, ':qzero': { N: '0' } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    ]);
    expect(inputsOf(mock, UpdateItemCommand)).toHaveLength(1); // the acquire only
  });
});
