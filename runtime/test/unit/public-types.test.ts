import { expect, test } from '@jest/globals';
import type { Lock, LockDeadlineError, LockLostError } from '../../src/index.js';
import { withLock } from '../../src/middy/index.js';

// The types say what the docs say. `npm test` type-checks this file (tsconfig.dev.json): each
// `@ts-expect-error` fails the typecheck if the line below it ever compiles.

/** Compile-time only: never called. */
function typeChecks(lock: Lock): void {
  lock.on('lost', (error) => { const reason: 'stolen' | 'expired' | 'superseded' | 'closed' = error.reason; void reason; });
  lock.on('danger', ({ remainingMs }) => { const ms: number = remainingMs; void ms; });
  lock.on('releaseError', (error) => { void error; });
  // @ts-expect-error an unknown event name does not compile
  lock.on('lsot', () => undefined);
  // @ts-expect-error the lost listener gets a LockLostError, not a number
  lock.on('lost', (remaining: number) => remaining);

  // A key function may return undefined (a missing field): documented to fail with LockValidationError.
  withLock((event: { customerId?: string }) => event.customerId);
  withLock((event: { customerId: string }) => event.customerId, {
    whenLost: (error) => { const typed: LockLostError | LockDeadlineError = error; void typed; },
  });
  // @ts-expect-error whenLost receives a loss or a deadline, not any LockError subtype
  withLock((event: { id: string }) => event.id, { whenLost: (error: { reason: 'stolen'; ambiguous: boolean }) => error });
}

test('the public types are checked at compile time (this file is part of the typecheck)', () => {
  expect(typeof typeChecks).toBe('function');
});
