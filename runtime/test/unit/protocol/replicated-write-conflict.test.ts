import { GetItemCommand, ReplicatedWriteConflictException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, it, jest } from '@jest/globals';
import { LockUnavailableError } from '../../../src/index.js';
import { isAmbiguous, isTransient } from '../../../src/protocol/send-with-deadline.js';
import { itemFromUpdate, mockedClient, operations, within } from '../support.js';

// Why the mock: only a multi-Region strongly consistent (MRSC) table answers
// ReplicatedWriteConflictException ("one or more items in the request are being modified by a
// request in another Region"), and no local server has MRSC. The error is contention, like a
// throttle: the write was rejected, not applied, and the same request may be sent again.

afterEach(() => {
  jest.useRealTimers();
});

const TIMEOUT = 2_000;

/** As the SDK deserialises it (its model marks the error retryable). */
function sdkConflict(): Error {
  return new ReplicatedWriteConflictException({ message: 'modified by a request in another Region', $metadata: { httpStatusCode: 400 } });
}

/** Only the name and a 400: the classification must not depend on the SDK model's retry trait. */
function bareConflict(): Error {
  return Object.assign(new Error('modified by a request in another Region'), {
    name: 'ReplicatedWriteConflictException',
    $metadata: { httpStatusCode: 400 },
  });
}

it.each([
  ['the SDK exception', sdkConflict],
  ['a bare error with that name', bareConflict],
])('a replicated write conflict (%s) is retryable contention, never ambiguous', (_label, conflict) => {
  expect(isTransient(conflict())).toBe(true);
  expect(isAmbiguous(conflict())).toBe(false);
});

it('an acquire that meets conflicts sends the same request again and gets the lock', async () => {
  const { mock, client } = mockedClient({ requestTimeoutMs: TIMEOUT });
  mock
    .on(UpdateItemCommand)
    .rejectsOnce(bareConflict())
    .rejectsOnce(sdkConflict())
    .callsFake((input) => ({ Attributes: itemFromUpdate(input) }));
  const lock = await within(client.acquire('job', { waitMs: 0 }), TIMEOUT);
  expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem', 'UpdateItem']);
  const inputs = mock.commandCalls(UpdateItemCommand).map((c) => c.args[0].input);
  expect(inputs[1]).toEqual(inputs[0]);
  expect(inputs[2]).toEqual(inputs[0]);
  await lock.release();
});

it('conflicts past the deadline → LockUnavailableError, not ambiguous, with no read-back', async () => {
  const { mock, client } = mockedClient({ requestTimeoutMs: TIMEOUT });
  const conflict = bareConflict();
  mock.on(UpdateItemCommand).rejects(conflict);
  const failed = client.acquire('job', { waitMs: 0 }).catch((e: unknown) => e);
  await jest.advanceTimersByTimeAsync(TIMEOUT + 10);
  const result = await failed;
  expect(result).toBeInstanceOf(LockUnavailableError);
  expect(result).toMatchObject({ ambiguous: false, cause: conflict });
  expect(mock.commandCalls(UpdateItemCommand).length).toBeGreaterThan(2);
  expect(mock.commandCalls(GetItemCommand)).toHaveLength(0);
  expect(client.heldLocks).toEqual([]);
});
