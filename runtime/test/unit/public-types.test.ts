import { expect, test } from '@jest/globals';
import middy from '@middy/core';
import type { RecordLock } from '../../src/batch/index.js';
import { fencedWrite, guardedTransaction, type Lock, type LockDeadlineError, type LockLostError } from '../../src/index.js';
import { type LockedContext, withLock } from '../../src/middy/index.js';

// The types say what the docs say. `npm test` type-checks this file (tsconfig.dev.json): each
// `@ts-expect-error` fails the typecheck if the line below it ever compiles.

/** Compile-time only: never called. */
function typeChecks(lock: Lock): void {
  lock.on('lost', (error) => {
    const reason: 'stolen' | 'expired' | 'superseded' | 'closed' = error.reason;
    void reason;
  });
  lock.on('danger', ({ remainingMs }) => {
    const ms: number = remainingMs;
    void ms;
  });
  lock.on('releaseError', (error) => {
    void error;
  });
  // @ts-expect-error an unknown event name does not compile
  lock.on('lsot', () => undefined);
  // @ts-expect-error the lost listener gets a LockLostError, not a number
  lock.on('lost', (remaining: number) => remaining);

  // A key function may return undefined (a missing field): documented to fail with LockValidationError.
  withLock((event: { customerId?: string }) => event.customerId);
  withLock((event: { customerId: string }) => event.customerId, {
    whenLost: (error) => {
      const typed: LockLostError | LockDeadlineError = error;
      void typed;
    },
  });
  // @ts-expect-error whenLost receives a loss or a deadline, not any LockError subtype
  withLock((event: { id: string }) => event.id, { whenLost: (error: { reason: 'stolen'; ambiguous: boolean }) => error });
}

/** Compile-time only: the lock a handler is given is a read-only view of the middleware's lock. */
async function handlerLockChecks(context: LockedContext, record: RecordLock): Promise<void> {
  const { lock } = context;
  const read: [string, string | undefined, number, string, AbortSignal, number, boolean] = [
    lock.key,
    lock.sortKey,
    lock.fence,
    lock.owner,
    lock.signal,
    lock.remainingMs,
    lock.isValid(),
  ];
  void read;
  await fencedWrite(lock, {
    update: {
      TableName: 'ledger',
      Key: { pk: { S: lock.key } },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
    },
  });
  await guardedTransaction(record, [{ Put: { TableName: 'orders', Item: { pk: { S: record.key } } } }]);
  // @ts-expect-error the handler cannot release the middleware's lock
  await lock.release();
  // @ts-expect-error nor renew it
  await lock.heartbeat();
  // @ts-expect-error nor reach the Lock behind it
  void lock.lock;
  // @ts-expect-error nor the client
  void lock.client;
  // @ts-expect-error the fence is read-only
  lock.fence = 1;
  // @ts-expect-error a record handler's lock is the same view: no release
  await record.release();
  // @ts-expect-error nor its client
  void record.client;
}

/**
 * Compile-time only: a handler that takes the locked context. middy's fourth type parameter is the
 * context; naming only `<Event, Result>` leaves it at Lambda's `Context`, which has no `lock`.
 */
function lockedContextChecks(): void {
  type Event = { customerId: string };
  type Result = { statusCode: number };
  const handler = async (_event: Event, context: LockedContext): Promise<Result> => ({ statusCode: context.lock.fence > 0 ? 200 : 500 });
  // Inference: nothing named.
  middy(handler).use(withLock((e: Event) => e.customerId));
  // Named: the context too (middy<Event, Result, Error, LockedContext>).
  middy<Event, Result, Error, LockedContext>(handler).use(withLock<Event, Result>((e) => e.customerId));
  // @ts-expect-error <Event, Result> alone: middy's context stays Lambda's Context, which has no lock
  middy<Event, Result>(handler);
}

/** Compile-time only: `whenBusy` answers with the handler's result type once it is named. */
function whenBusyChecks(): void {
  type Event = { customerId: string };
  type Result = { statusCode: number; body: string };
  const handler = async (event: Event): Promise<Result> => ({ statusCode: 200, body: event.customerId });
  // middy's use() takes MiddlewareObj<any, any>, so the result type cannot flow from the handler:
  // name it, and a whenBusy answering something else does not compile.
  middy(handler).use(
    withLock<Event, Result>((e) => e.customerId, { whenBusy: (error) => ({ statusCode: 409, body: String(error.retryAfterMs) }) }),
  );
  middy(handler).use(
    withLock<Event, Result>((e) => e.customerId, {
      whenBusy: async (_error, request) => ({ statusCode: 409, body: request.event.customerId }),
    }),
  );
  // @ts-expect-error a whenBusy response that is not the handler's result
  withLock<Event, Result>((e) => e.customerId, { whenBusy: () => 'busy' });
  // @ts-expect-error a whenBusy response missing a field of the result
  withLock<Event, Result>((e) => e.customerId, { whenBusy: async () => ({ statusCode: 409 }) });
  // @ts-expect-error the key function reads the event type named
  withLock<Event, Result>((e) => e.orderId);
}

test('the public types are checked at compile time (this file is part of the typecheck)', () => {
  expect(typeof typeChecks).toBe('function');
  expect(typeof handlerLockChecks).toBe('function');
  expect(typeof whenBusyChecks).toBe('function');
  expect(typeof lockedContextChecks).toBe('function');
});
