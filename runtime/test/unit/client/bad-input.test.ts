import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { getLock, listLocks, releaseGrant } from '../../../src/admin/index.js';
import {
  fencedWrite,
  guardedTransaction,
  type Lock,
  LockClient,
  LockConfigurationError,
  LockError,
  LockValidationError,
} from '../../../src/index.js';
import { grantEveryWrite, mockedClient } from '../support.js';

// Why the mock: the point is that bad input is refused before any request — the mock counts
// requests (zero), and fake timers count timers (none added).

afterEach(() => {
  jest.useRealTimers();
});

const big = 'x'.repeat(400 * 1024);
const write = { Put: { TableName: 'orders', Item: { pk: { S: 'o' } } } };
type Ctx = { client: LockClient; sorted: LockClient; lock: Lock };

/** LockClient options are the deployment's configuration: LockConfigurationError, never the caller's LockValidationError. */
const clientOptionCases: Array<[string, () => unknown, RegExp]> = [
  ['no options', () => new LockClient(undefined as never), /options are required/],
  ['table name with a space (DynamoDB refuses it)', () => new LockClient({ tableName: 'my locks' }), /tableName must be 3–255 characters/],
  ['table name too short', () => new LockClient({ tableName: 'lo' }), /tableName must be 3–255 characters/],
  ['no tableName', () => new LockClient({} as never), /tableName must be a non-empty string/],
  ['empty tableName', () => new LockClient({ tableName: '' }), /tableName must be a non-empty string/],
  ['unknown client option', () => new LockClient({ tableName: 'locks', leaseMS: 1 } as never), /unknown option\(s\) leaseMS/],
  ['leaseMs 0', () => new LockClient({ tableName: 'locks', leaseMs: 0 }), /leaseMs must be a finite number > 0/],
  ['leaseMs negative', () => new LockClient({ tableName: 'locks', leaseMs: -5 }), /leaseMs must be a finite number > 0/],
  ['leaseMs NaN', () => new LockClient({ tableName: 'locks', leaseMs: NaN }), /leaseMs must be a finite number > 0/],
  ['leaseMs Infinity', () => new LockClient({ tableName: 'locks', leaseMs: Infinity }), /leaseMs must be a finite number > 0/],
  ['leaseMs as a string', () => new LockClient({ tableName: 'locks', leaseMs: '100' as never }), /leaseMs must be a finite number/],
  [
    'leaseMs of 31,000 years (1e15)',
    () => new LockClient({ tableName: 'locks', leaseMs: 1e15 }),
    /leaseMs must be whole milliseconds, at most 31536000000/,
  ],
  ['leaseMs not whole (1000.5)', () => new LockClient({ tableName: 'locks', leaseMs: 1000.5 }), /leaseMs must be whole milliseconds/],
  ['heartbeatMs negative', () => new LockClient({ tableName: 'locks', heartbeatMs: -1 }), /heartbeatMs must be a finite number ≥ 0/],
  [
    'heartbeatMs ≥ lease − margin',
    () => new LockClient({ tableName: 'locks', leaseMs: 10_000, safetyMarginMs: 1_000, heartbeatMs: 9_000 }),
    /heartbeatMs \(9000\) must be less than leaseMs - safetyMarginMs \(9000\)/,
  ],
  [
    'safetyMarginMs ≥ lease',
    () => new LockClient({ tableName: 'locks', leaseMs: 1_000, safetyMarginMs: 1_000, heartbeatMs: 0 }),
    /safetyMarginMs \(1000\) must be less than leaseMs/,
  ],
  ['requestTimeoutMs NaN', () => new LockClient({ tableName: 'locks', requestTimeoutMs: NaN }), /requestTimeoutMs/],
  ['pollMs 0', () => new LockClient({ tableName: 'locks', pollMs: 0 }), /pollMs must be a finite number > 0/],
  ['ttlRetentionMs Infinity', () => new LockClient({ tableName: 'locks', ttlRetentionMs: Infinity }), /ttlRetentionMs/],
  ['dangerZoneMs negative', () => new LockClient({ tableName: 'locks', dangerZoneMs: -1 }), /dangerZoneMs/],
  ['empty sortKeyName', () => new LockClient({ tableName: 'locks', sortKeyName: '' }), /sortKeyName must be a non-empty string/],
  [
    'partitionKeyName not a string',
    () => new LockClient({ tableName: 'locks', partitionKeyName: 5 as never }),
    /partitionKeyName must be a non-empty string/,
  ],
  [
    'unknown trustWallClock option',
    () => new LockClient({ tableName: 'locks', trustWallClock: { maxSkew: 1 } as never }),
    /trustWallClock: unknown option\(s\) maxSkew/,
  ],
  ['negative maxSkewMs', () => new LockClient({ tableName: 'locks', trustWallClock: { maxSkewMs: -1 } }), /maxSkewMs/],
  ['client without send', () => new LockClient({ tableName: 'locks', client: {} as never }), /client must be a DynamoDBClient/],
  [
    'clock without monotonicNow',
    () => new LockClient({ tableName: 'locks', clock: { wallNow: () => 0 } as never }),
    /clock must have monotonicNow\(\) and wallNow\(\)/,
  ],
];

/** Calls that must fail with LockValidationError, and the message that says why. */
const cases: Array<[string, (ctx: Ctx) => unknown, RegExp]> = [
  // keys
  ['empty key', ({ client }) => client.acquire(''), /key must be a non-empty string, got an empty string/],
  [
    'a key with a lone surrogate (stored as U+FFFD: two keys, one lock)',
    ({ client }) => client.acquire('a\ud800b'),
    /key is not well-formed UTF-16/,
  ],
  ['waitMs not whole', ({ client }) => client.acquire('k', { waitMs: 10.5 }), /waitMs must be whole milliseconds/],
  ['non-string key', ({ client }) => client.acquire(42 as never), /key must be a non-empty string, got number/],
  ['2049-byte partition key', ({ client }) => client.acquire('k'.repeat(2049)), /key is 2049 bytes; DynamoDB allows at most 2048/],
  ['2048 characters but 4096 UTF-8 bytes', ({ client }) => client.acquire('é'.repeat(2048)), /key is 4096 bytes/],
  [
    '1025-byte sort key',
    ({ sorted }) => sorted.acquire('k', { sortKey: 's'.repeat(1025) }),
    /sortKey is 1025 bytes; DynamoDB allows at most 1024/,
  ],
  ['missing sort key on a sort-key table', ({ sorted }) => sorted.acquire('k'), /sortKey must be a non-empty string/],
  [
    'sort key on a table without one',
    ({ client }) => client.acquire('k', { sortKey: 's' }),
    /sortKey given but the client has no sortKeyName/,
  ],
  ['empty key for tryAcquire', ({ client }) => client.tryAcquire(''), /key must be a non-empty string/],
  ['empty key for getLock', ({ client }) => getLock(client, ''), /key must be a non-empty string/],

  // acquire options
  ['data too big', ({ client }) => client.acquire('k', { data: big }), /data is 409600 bytes; at most \d+ fit in the lock item/],
  ['data a number', ({ client }) => client.acquire('k', { data: 5 as never }), /data must be a string or Uint8Array, got number/],
  ['data an object', ({ client }) => client.acquire('k', { data: {} as never }), /data must be a string or Uint8Array, got object/],
  ['waitMs negative', ({ client }) => client.acquire('k', { waitMs: -1 }), /waitMs must be a finite number ≥ 0/],
  ['waitMs NaN', ({ client }) => client.acquire('k', { waitMs: NaN }), /waitMs/],
  ['waitMs Infinity', ({ client }) => client.acquire('k', { waitMs: Infinity }), /waitMs/],
  ['pollMs 0', ({ client }) => client.acquire('k', { pollMs: 0 }), /pollMs must be a finite number > 0/],
  ['leaseMs 0', ({ client }) => client.acquire('k', { leaseMs: 0 }), /leaseMs must be a finite number > 0/],
  ['lease too short for the heartbeat', ({ client }) => client.acquire('k', { leaseMs: 3_000 }), /heartbeatMs \(5000\) must be less than/],
  ['unknown acquire option', ({ client }) => client.acquire('k', { wait: 5 } as never), /acquire options: unknown option\(s\) wait/],
  ['options not an object', ({ client }) => client.acquire('k', null as never), /acquire options must be an object, got null/],
  ['signal not an AbortSignal', ({ client }) => client.acquire('k', { signal: 'stop' as never }), /signal must be an AbortSignal/],
  ['reentrant not a boolean', ({ client }) => client.acquire('k', { reentrant: 'yes' as never }), /reentrant must be a boolean/],
  ['onLost not a function', ({ client }) => client.acquire('k', { onLost: 5 as never }), /onLost must be a function/],
  ['tryAcquire with waitMs', ({ client }) => client.tryAcquire('k', { waitMs: 5 } as never), /tryAcquire does not wait/],
  ['unknown getLock option', ({ client }) => getLock(client, 'k', { sort: 'x' } as never), /getLock options: unknown option\(s\) sort/],
  ['listLocks pageSize 0', ({ client }) => listLocks(client, { pageSize: 0 }).next(), /pageSize must be a finite number > 0/],
  [
    'releaseGrant with a sortKey on a partition-key-only table',
    ({ client }) => releaseGrant(client, { key: 'k', sortKey: 's', owner: 'o', fence: 1 }),
    /sortKey given but the client has no sortKeyName/,
  ],
  [
    'releaseGrant without the sortKey the table needs',
    ({ sorted }) => releaseGrant(sorted, { key: 'k', owner: 'o', fence: 1 }),
    /sortKey must be a non-empty string/,
  ],
  ['releaseGrant fence 0', ({ client }) => releaseGrant(client, { key: 'k', owner: 'o', fence: 0 }), /fence must be a positive integer/],
  ['unknown close option', ({ client }) => client.close({ releases: true } as never), /close options: unknown option\(s\) releases/],

  // a held lock
  ['heartbeat leaseMs 0', ({ lock }) => lock.heartbeat({ leaseMs: 0 }), /leaseMs must be a finite number > 0/],
  ['heartbeat leaseMs NaN', ({ lock }) => lock.heartbeat({ leaseMs: NaN }), /leaseMs/],
  ['heartbeat lease too short', ({ lock }) => lock.heartbeat({ leaseMs: 3_000 }), /heartbeatMs \(5000\) must be less than/],
  ['heartbeat data too big', ({ lock }) => lock.heartbeat({ data: big }), /data is 409600 bytes/],
  ['unknown heartbeat option', ({ lock }) => lock.heartbeat({ lease: 1 } as never), /heartbeat options: unknown option\(s\) lease/],
  ['release data of a wrong type', ({ lock }) => lock.release({ data: 5 as never }), /data must be a string or Uint8Array/],
  ['release deleteItem not a boolean', ({ lock }) => lock.release({ deleteItem: 'yes' as never }), /deleteItem must be a boolean/],
  ['unknown release option', ({ lock }) => lock.release({ delete: true } as never), /release options: unknown option\(s\) delete/],

  // fenced writes and transactions
  [
    'fencedWrite with neither put nor update',
    ({ lock }) => fencedWrite(lock, {} as never),
    /fencedWrite needs exactly one of put or update/,
  ],
  [
    'fencedWrite with both',
    ({ lock }) => fencedWrite(lock, { put: { TableName: 't', Item: {} }, update: { TableName: 't', Key: {} } } as never),
    /fencedWrite needs exactly one of put or update/,
  ],
  ['fencedWrite with no input', ({ lock }) => fencedWrite(lock, undefined as never), /fencedWrite needs exactly one of put or update/],
  [
    'fencedWrite empty fenceAttributeName',
    ({ lock }) => fencedWrite(lock, { put: { TableName: 't', Item: {} } }, { fenceAttributeName: '' }),
    /fenceAttributeName must be a non-empty string/,
  ],
  [
    'unknown fencedWrite option',
    ({ lock }) => fencedWrite(lock, { put: { TableName: 't', Item: {} } }, { fence: 'f' } as never),
    /fencedWrite options: unknown option\(s\) fence/,
  ],
  ['guardedTransaction with 0 items', ({ lock }) => guardedTransaction(lock, []), /guardedTransaction needs 1 to 99 write items/],
  [
    'guardedTransaction with 100 items',
    ({ lock }) => guardedTransaction(lock, Array(100).fill(write)),
    /guardedTransaction needs 1 to 99 write items/,
  ],
  [
    'guardedTransaction items not an array',
    ({ lock }) => guardedTransaction(lock, write as never),
    /guardedTransaction needs 1 to 99 write items/,
  ],
  [
    'unknown guardedTransaction option',
    ({ lock }) => guardedTransaction(lock, [write], { token: 'x' } as never),
    /guardedTransaction options: unknown option\(s\) token/,
  ],
];

describe('bad client options are a LockConfigurationError, with the validation error as its cause', () => {
  it.each(clientOptionCases)('%s', (_label, create, message) => {
    let error: unknown;
    try {
      create();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LockConfigurationError);
    expect(error).toBeInstanceOf(LockError);
    // Not a LockValidationError: a handler that maps those to 400 must never catch it.
    expect(error).not.toBeInstanceOf(LockValidationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).cause).toBeInstanceOf(LockValidationError);
  });
});

describe('bad input is refused before any request, leaving nothing behind', () => {
  it.each(cases)('%s', async (_label, call, message) => {
    const { mock, client, ddb } = mockedClient();
    const sorted = new LockClient({ tableName: 'locks', sortKeyName: 'sk', client: ddb });
    grantEveryWrite(mock);
    const lock = await client.acquire('held');
    mock.resetHistory();
    const timers = jest.getTimerCount();
    const held = client.heldLocks.length;

    let error: unknown;
    try {
      await call({ client, sorted, lock });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LockValidationError);
    expect((error as Error).message).toMatch(message);
    expect(mock.calls()).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(timers);
    expect(client.heldLocks).toHaveLength(held);
    expect(sorted.heldLocks).toHaveLength(0);
    expect(lock.state).toBe('held');
    await lock.release();
  });

  it('promise-returning entry points reject rather than throw at the call', () => {
    const { client } = mockedClient();
    expect(() => client.acquire('').catch(() => undefined)).not.toThrow();
    expect(() => client.tryAcquire('').catch(() => undefined)).not.toThrow();
    expect(() => getLock(client, '').catch(() => undefined)).not.toThrow();
  });
});

it('LockValidationError is a LockError that carries a cause and its own name', () => {
  const cause = new Error('root');
  const error = new LockValidationError('bad', { cause });
  expect(error).toBeInstanceOf(LockError);
  expect(error).toBeInstanceOf(Error);
  expect(error.cause).toBe(cause);
  expect(error.name).toBe('LockValidationError');
  expect(error.message).toBe('bad');
});
