import { type LockBusyError, LockValidationError } from '@ddb-lock/runtime';
import { withLock } from '@ddb-lock/runtime/middy';
import middy from '@middy/core';

type Event = { pathParameters?: { orderId?: string } };
type Result = { statusCode: number; headers?: Record<string, string>; body: string };

/**
 * 400 for the caller's bad input only. A LockValidationError names the caller's key or option;
 * a LockConfigurationError (no table name, bad options) is not one: it stays a 500, and its
 * message — which names the configuration — goes to the logs, never to the client.
 */
const answerBadInput = {
  onError: async (request: { error: unknown; response: unknown }) => {
    if (request.error instanceof LockValidationError) {
      request.response = { statusCode: 400, body: request.error.message };
    }
  },
};

/**
 * 409 with Retry-After when the order is locked. `retryAfterMs` is how long the holder would keep
 * it if it died now (the skew allowance included under withLock's wall-clock rule): the longest a
 * retry can need. A live holder usually releases far sooner, so cap the hint at what a hold
 * usually takes (here 2 s) and let clients back off from there.
 */
const TYPICAL_HOLD_MS = 2_000;
function busy(error: LockBusyError): Result {
  const seconds = Math.max(1, Math.ceil(Math.min(error.retryAfterMs, TYPICAL_HOLD_MS) / 1_000));
  return { statusCode: 409, headers: { 'Retry-After': String(seconds) }, body: 'order is being processed' };
}

export const handler = middy(async (event: Event): Promise<Result> => ({ statusCode: 200, body: `order ${event.pathParameters?.orderId}` }))
  .use(answerBadInput) // first: its onError runs last, after withLock's
  .use(withLock<Event, Result>((event) => event.pathParameters?.orderId, { whenBusy: busy, waitMs: 0 }));
