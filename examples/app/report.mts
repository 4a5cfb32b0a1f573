import { setTimeout as sleep } from 'node:timers/promises';
import { type LockedContext, withLock } from '@ddb-lock/runtime/middy';
import middy from '@middy/core';

/**
 * The example's scheduled job: EventBridge invokes it every minute and at most one run may work at
 * a time. Every `withLock` option is left at its default — no wait (a waiting Lambda is billed),
 * wall-clock takeover, leases capped by the remaining time — so if an execution environment dies
 * mid-run (out of memory, a runtime crash), the run of the next minute in any other environment
 * takes the lock over as soon as the dead run's `expiresAt + 1 s` has passed.
 *
 * `workMs` simulates the job (tests use it).
 */
export interface ReportEvent {
  readonly workMs?: number;
}

/**
 * What one run reports: it ran with this fence, or it skipped because another run holds the lock.
 */
export type ReportResult =
  | { readonly ran: true; readonly fence: number; readonly startedAt: number; readonly endedAt: number }
  | { readonly ran: false; readonly holder: string | undefined; readonly retryAfterMs: number };

async function report(event: ReportEvent, context: LockedContext): Promise<ReportResult> {
  const startedAt = Date.now();
  await sleep(event.workMs ?? 100, undefined, { signal: context.lock.signal });
  return { ran: true, fence: context.lock.fence, startedAt, endedAt: Date.now() };
}

export const handler = middy(report).use(
  withLock<ReportEvent, ReportResult>(() => 'report#nightly', {
    // A busy minute is skipped, not failed: a failed scheduled invocation would be retried by
    // Lambda's async retries for nothing. `retryAfterMs` says when a dead run's lock comes free.
    whenBusy: (error) => ({ ran: false, holder: error.holder, retryAfterMs: error.retryAfterMs }),
  }),
);
