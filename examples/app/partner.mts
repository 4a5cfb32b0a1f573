import { setTimeout as sleep } from 'node:timers/promises';
import { type LockedContext, withPermit } from '@ddb-lock/runtime/middy';
import middy from '@middy/core';

/**
 * The example's partner-API caller: at most `PARTNER_PERMITS` invocations call the partner at
 * once, across every execution environment. A busy invocation answers 429 with `retry-after`
 * rather than waiting (a waiting Lambda is billed); an environment that dies mid-call gives its
 * permit back within `expiresAt + 1 s` (withPermit's wall-clock default), like a lock.
 *
 * `workMs` simulates the partner call; `blockMs` blocks the event loop first (stuck past the
 * timeout: Lambda kills the environment, nothing releases the permit).
 */
export interface PartnerEvent {
  readonly workMs?: number;
  readonly blockMs?: number;
}

/**
 * What one invocation did: called the partner holding a permit, or was turned away.
 */
export type PartnerResult =
  | { readonly statusCode: 200; readonly permit: number; readonly fence: number; readonly startedAt: number; readonly endedAt: number }
  | { readonly statusCode: 429; readonly retryAfterMs: number };

async function callPartner(event: PartnerEvent, context: LockedContext): Promise<PartnerResult> {
  const startedAt = Date.now();
  if (event.blockMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, event.blockMs);
  await sleep(event.workMs ?? 100, undefined, { signal: context.lock.signal });
  return { statusCode: 200, permit: context.lock.permit!.permit, fence: context.lock.fence, startedAt, endedAt: Date.now() };
}

export const handler = middy(callPartner).use(
  withPermit<PartnerEvent, PartnerResult>('partner-api', {
    permits: Number(process.env.PARTNER_PERMITS ?? 2),
    whenBusy: (error) => ({ statusCode: 429, retryAfterMs: error.retryAfterMs }),
  }),
);
