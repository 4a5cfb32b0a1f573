import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { LockAbortedError, LockClient, LockTableNotFoundError, LockUnavailableError } from '../../../src/index.js';
import {
  conditionFailed,
  grantEveryWrite,
  hangUntilAborted,
  itemFromUpdate,
  lockItem,
  mockedClient,
  operations,
  throttled,
  within,
} from '../support.js';

// Why the mock: throttling, 5xx, a missing table and a hung connection on demand, with fake
// time deciding when the request deadline passes.

afterEach(() => {
  jest.useRealTimers();
});

const TIMEOUT = 2_000;

function serverError(): Error {
  return Object.assign(new Error('Internal server error'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
}

/** A signature refused for skew, after the SDK corrected its clock offset (its own retry is off). */
function clockSkewed(): Error {
  return Object.assign(new Error('Signature expired'), {
    name: 'InvalidSignatureException',
    $metadata: { httpStatusCode: 400, clockSkewCorrected: true },
  });
}

it.each([
  ['throttling', throttled],
  ['5xx', serverError],
  ['a signature refused for clock skew', clockSkewed],
])('%s is retried within the request deadline', async (_label, failure) => {
  const { mock, client } = mockedClient({ requestTimeoutMs: TIMEOUT });
  mock
    .on(UpdateItemCommand)
    .rejectsOnce(failure())
    .rejectsOnce(failure())
    .rejectsOnce(failure())
    .callsFake((input) => ({ Attributes: itemFromUpdate(input) }));
  const lock = await within(client.acquire('job', { waitMs: 0 }), TIMEOUT);
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem', 'UpdateItem']);
  // Every retry is the same request: same record version, so a landed earlier try is recognised.
  const versions = new Set(mock.commandCalls(UpdateItemCommand).map((c) => c.args[0].input.ExpressionAttributeValues![':rvn']!.S));
  expect(versions.size).toBe(1);
  await lock.release();
});

it('throttling past the deadline → LockUnavailableError (not ambiguous: throttled writes were not applied) with the cause', async () => {
  const { mock, client } = mockedClient({ requestTimeoutMs: TIMEOUT });
  const error = throttled();
  mock.on(UpdateItemCommand).rejects(error);
  const failed = client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(TIMEOUT - 1);
  const attemptsBefore = mock.calls().length;
  await jest.advanceTimersByTimeAsync(1);
  const result = await failed;
  expect(result).toBeInstanceOf(LockUnavailableError);
  expect(result).toMatchObject({ ambiguous: false, cause: error });
  expect(attemptsBefore).toBeGreaterThan(2);
  expect(mock.calls().length).toBe(attemptsBefore); // no attempt after the deadline
  await jest.advanceTimersByTimeAsync(10_000);
  expect(mock.calls().length).toBe(attemptsBefore);
  expect(jest.getTimerCount()).toBe(0);
  expect(client.heldLocks).toEqual([]);
});

it('5xx past the deadline is ambiguous: the acquire reads back before reporting unavailable', async () => {
  const { mock, client } = mockedClient({ requestTimeoutMs: TIMEOUT });
  mock.on(UpdateItemCommand).rejects(serverError());
  mock.on(GetItemCommand).resolves({});
  const result = await within(
    client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e),
    TIMEOUT,
  );
  expect(result).toBeInstanceOf(LockUnavailableError);
  expect(result).toMatchObject({ ambiguous: true });
  expect(operations(mock).at(-1)).toBe('GetItem');
});

it('the abortSignal handed to the SDK aborts exactly at the request deadline', async () => {
  const { mock, client } = mockedClient({ requestTimeoutMs: TIMEOUT });
  mock.on(GetItemCommand).callsFake(() => hangUntilAborted(mock));
  const reading = getLock(client, 'job').catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(0);
  const { abortSignal } = (mock.call(0).args as unknown[])[1] as { abortSignal: AbortSignal };
  await jest.advanceTimersByTimeAsync(TIMEOUT - 1);
  expect(abortSignal.aborted).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  expect(abortSignal.aborted).toBe(true);
  expect(await reading).toBeInstanceOf(LockUnavailableError);
  expect(jest.getTimerCount()).toBe(0);
});

it('ResourceNotFoundException → LockTableNotFoundError at once, with the cause, no retry', async () => {
  const { mock, client } = mockedClient();
  const missing = Object.assign(new Error('Requested resource not found'), {
    name: 'ResourceNotFoundException',
    $metadata: { httpStatusCode: 400 },
  });
  mock.on(UpdateItemCommand).rejects(missing);
  const result = await client.acquire('job').catch((e: unknown) => e);
  expect(result).toBeInstanceOf(LockTableNotFoundError);
  expect((result as Error).cause).toBe(missing);
  expect(mock.calls()).toHaveLength(1);
  expect(jest.getTimerCount()).toBe(0);
});

it('a non-retryable error is thrown at once, not retried', async () => {
  const { mock, client } = mockedClient();
  const invalid = Object.assign(new Error('bad expression'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  mock.on(UpdateItemCommand).rejects(invalid);
  await expect(client.acquire('job')).rejects.toBe(invalid);
  expect(mock.calls()).toHaveLength(1);
  expect(jest.getTimerCount()).toBe(0);
});

it('aborting a wait → LockAbortedError at once, no timer left, no request after', async () => {
  const { mock, client } = mockedClient({ pollMs: 500 });
  mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem()));
  mock.on(GetItemCommand).resolves({ Item: lockItem() }); // polls read while the holder lives
  const controller = new AbortController();
  const waiting = client.acquire('job', { waitMs: 60_000, signal: controller.signal }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(1_000);
  const sent = mock.calls().length;
  controller.abort(new Error('shutting down'));
  expect(await waiting).toBeInstanceOf(LockAbortedError);
  await jest.advanceTimersByTimeAsync(0);
  expect(jest.getTimerCount()).toBe(0);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(mock.calls()).toHaveLength(sent);
});

it('a wait gives up with LockBusyError at its deadline, naming the holder, and leaves no timer', async () => {
  const { mock, client } = mockedClient({ pollMs: 500 });
  mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem({ owner: 'worker-7' })));
  mock.on(GetItemCommand).resolves({ Item: lockItem({ owner: 'worker-7' }) });
  const waiting = client.acquire('job', { waitMs: 3_000 }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(3_000);
  expect(await waiting).toMatchObject({ name: 'LockBusyError', holder: 'worker-7', key: 'job' });
  expect(jest.getTimerCount()).toBe(0);
});

it('heartbeats that hit throttling keep retrying (never stop silently after the first error)', async () => {
  const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000, requestTimeoutMs: 1_000 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job');
  mock.on(UpdateItemCommand).rejects(throttled());
  await jest.advanceTimersByTimeAsync(6_000); // first heartbeat exhausts its deadline
  const failedSoFar = mock.calls().length;
  grantEveryWrite(mock);
  await jest.advanceTimersByTimeAsync(5_500); // the retry (at once) and the next period's heartbeat land
  expect(mock.calls().length).toBeGreaterThan(failedSoFar);
  expect(lock.isValid()).toBe(true);
  expect(lock.remainingMs).toBeGreaterThan(15_000); // a heartbeat landed recently
  await lock.release();
});

it('a heartbeat that spent its deadline on throttling goes again at once, with tries closer together as validity runs out', async () => {
  const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000, safetyMarginMs: 2_000, requestTimeoutMs: 1_000 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job');
  const t0 = performance.now();
  const sent: number[] = [];
  mock.on(UpdateItemCommand).callsFake(() => {
    sent.push(performance.now() - t0);
    throw throttled();
  });
  await jest.advanceTimersByTimeAsync(6_050);
  // The first heartbeat (5 s) tries until its deadline (6 s); the next starts then, not later.
  expect(sent.some((t) => t >= 6_000 && t < 6_020)).toBe(true);
  // Near the end of validity (18 s) the pauses between tries shrink with the time left.
  await jest.advanceTimersByTimeAsync(18_000 - 6_050 - 100);
  const gaps = sent
    .filter((t) => t > 17_000)
    .map((t, i, a) => (i ? t - a[i - 1]! : 0))
    .slice(1);
  expect(Math.max(...gaps.slice(-3))).toBeLessThanOrEqual(25);
  await jest.advanceTimersByTimeAsync(200);
  expect(lock.isValid()).toBe(false);
  expect(jest.getTimerCount()).toBe(0);
});

it('a heartbeat refused for a non-transient reason waits before trying again (no spinning)', async () => {
  const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job');
  const denied = Object.assign(new Error('not allowed'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
  mock.on(UpdateItemCommand).rejects(denied);
  await jest.advanceTimersByTimeAsync(10_000);
  // 5 s, then 2.5 s, 1.25 s, 0.83 s … after each failure: a handful, not thousands.
  expect(mock.commandCalls(UpdateItemCommand).length).toBeLessThanOrEqual(8);
  expect(lock.isValid()).toBe(true);
  await lock.release().catch(() => undefined);
});

it('the client it builds itself leaves retrying to the lock (maxAttempts 1): SDK retries would only pace the tries', async () => {
  jest.useRealTimers();
  const client = new LockClient({ tableName: 'locks' });
  expect(await client.dynamoDb.config.maxAttempts()).toBe(1);
  client.dynamoDb.destroy();
});

it('a request timeout shorter than a round trip does not make heartbeats spin', async () => {
  const { mock, client } = mockedClient({ leaseMs: 20_000, heartbeatMs: 5_000, requestTimeoutMs: 1 });
  grantEveryWrite(mock);
  const lock = await client.acquire('job');
  mock.on(UpdateItemCommand).callsFake(() => hangUntilAborted(mock)); // every heartbeat times out after 1 ms
  await jest.advanceTimersByTimeAsync(6_000);
  // From 5 s on: at most one attempt per 25 ms (≈ 40), not one per millisecond (≈ 1000).
  expect(mock.commandCalls(UpdateItemCommand).length - 1).toBeLessThanOrEqual(45);
  expect(mock.commandCalls(UpdateItemCommand).length - 1).toBeGreaterThanOrEqual(20);
  lock.removeAllListeners();
  await client.close({ release: false });
});

it('aborting while a poll read is in flight → LockAbortedError with the reason as cause, not a raw AbortError', async () => {
  const { mock, client } = mockedClient({ pollMs: 500 });
  mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem()));
  let reads = 0;
  // The first read answers; the second hangs until the caller aborts.
  mock.on(GetItemCommand).callsFake(() => (++reads === 1 ? { Item: lockItem() } : hangUntilAborted(mock)));
  const controller = new AbortController();
  const waiting = client.acquire('job', { waitMs: 60_000, signal: controller.signal }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(1_000);
  expect(reads).toBeGreaterThanOrEqual(1);
  const reason = new Error('shutting down');
  controller.abort(reason);
  const error = await waiting;
  expect(error).toBeInstanceOf(LockAbortedError);
  expect((error as LockAbortedError).cause).toBe(reason);
  expect(jest.getTimerCount()).toBe(0);
});
