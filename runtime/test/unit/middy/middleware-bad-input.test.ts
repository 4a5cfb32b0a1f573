import { afterEach, expect, it, jest } from '@jest/globals';
import middy from '@middy/core';
import { fencedWrite, guardedTransaction, LockClient, LockConfigurationError, LockValidationError } from '../../../src/index.js';
import { withLock } from '../../../src/middy/index.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { mockedClient } from '../support.js';

// The middleware's part of the bad-input catalogue. Why the mock: bad input must be refused
// before any request — the mock counts requests (zero) and fake timers count timers (none).

afterEach(() => {
  jest.useRealTimers();
});

type Event = { id?: unknown };
const byId = (e: Event) => e.id as string;

const optionCases: Array<[string, () => unknown, RegExp]> = [
  ['a key function that is a string', () => withLock('id' as never), /first argument must be a function/],
  ['no key function', () => withLock(undefined as never), /first argument must be a function/],
  ['an unknown option', () => withLock(byId, { timeoutMs: 1 } as never), /unknown option\(s\) timeoutMs/],
  ['options that are not an object', () => withLock(byId, 5 as never), /must be an object/],
  ['leaseMs 0', () => withLock(byId, { leaseMs: 0 }), /leaseMs must be a finite number > 0/],
  ['heartbeatMs NaN', () => withLock(byId, { heartbeatMs: NaN }), /heartbeatMs must be a finite number/],
  ['deadlineMarginMs negative', () => withLock(byId, { deadlineMarginMs: -1 }), /deadlineMarginMs must be a finite number/],
  ['waitMs Infinity', () => withLock(byId, { waitMs: Infinity }), /waitMs must be a finite number/],
  ['whenBusy not throw or a function', () => withLock(byId, { whenBusy: 'wait' as never }), /whenBusy must be 'throw' or a function/],
  ['whenLost not fail or a function', () => withLock(byId, { whenLost: true as never }), /whenLost must be 'fail' or a function/],
  ['data not a function', () => withLock(byId, { data: 'x' as never }), /data must be a function/],
  ['an empty tableName', () => withLock(byId, { tableName: '' }), /tableName must be a non-empty string/],
  ['a client that is not a LockClient', () => withLock(byId, { client: {} as never }), /client must be a LockClient/],
  [
    'tableName together with a client',
    () => withLock(byId, { client: new LockClient({ tableName: 'locks' }), tableName: 'other' }),
    /configure the default client/,
  ],
];

it.each(optionCases)('withLock refuses %s when it is created: configuration, not a caller error', (_what, create, message) => {
  expect(create).toThrow(LockConfigurationError);
  expect(create).toThrow(message);
});

const keyCases: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['an empty string', ''],
  ['a number', 7],
  ['an object without key', { sortKey: 's' }],
  ['a partition key over 2048 bytes', 'é'.repeat(1025)],
];

it.each(keyCases)('a key function returning %s: typed error, no request, no timer, handler not run', async (_what, key) => {
  const { mock, client } = mockedClient();
  const timers = jest.getTimerCount();
  let ran = false;
  const handler = middy(async () => {
    ran = true;
  }).use(withLock(() => key as string, { client }));
  const error = await handler({}, lambdaContext(10_000) as never).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LockValidationError);
  expect(mock.calls()).toHaveLength(0);
  expect(jest.getTimerCount()).toBe(timers);
  expect(ran).toBe(false);
  expect(client.heldLocks).toHaveLength(0);
});

it('a missing table name fails the first invocation naming the variable, before any request', async () => {
  jest.useFakeTimers();
  const saved = process.env.DDB_LOCK_TABLE_NAME;
  delete process.env.DDB_LOCK_TABLE_NAME;
  try {
    const handler = middy(async () => 'ran').use(withLock(byId));
    const error = await handler({ id: 'a' }, lambdaContext(10_000) as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockConfigurationError);
    expect(error).not.toBeInstanceOf(LockValidationError);
    expect((error as Error).message).toMatch(/DDB_LOCK_TABLE_NAME/);
    expect(jest.getTimerCount()).toBe(0);
  } finally {
    if (saved !== undefined) process.env.DDB_LOCK_TABLE_NAME = saved;
  }
});

it('fencedWrite and guardedTransaction refuse a look-alike of a handler lock (not made by the middleware) before any request', async () => {
  const { mock, client } = mockedClient();
  const forged = {
    key: 'k',
    sortKey: undefined,
    fence: 9,
    owner: 'me',
    data: undefined,
    signal: new AbortController().signal,
    remainingMs: 1,
    isValid: () => true,
  };
  await expect(fencedWrite(forged, { put: { TableName: 't', Item: {} } })).rejects.toThrow(LockValidationError);
  await expect(guardedTransaction(forged, [{ Put: { TableName: 't', Item: {} } }])).rejects.toThrow(LockValidationError);
  expect(mock.calls()).toHaveLength(0);
  expect(client.heldLocks).toHaveLength(0);
});
