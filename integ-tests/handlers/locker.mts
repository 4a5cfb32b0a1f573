import { setTimeout as sleep } from 'node:timers/promises';
import { withLock } from '@ddb-lock/runtime/middy';
import middy from '@middy/core';

/**
 * Takes the lock named in the event through the real middleware, holds it for `holdMs`, and
 * releases it. A contender that finds the lock held answers `{ acquired: false }` at once
 * (`whenBusy`), so the race function can count winners.
 */
interface LockerEvent {
  readonly key: string;
  readonly holdMs: number;
}

export const handler = middy(async (event: LockerEvent) => {
  await sleep(event.holdMs);
  return { acquired: true };
}).use(
  withLock((event: LockerEvent) => event.key, {
    leaseMs: 10_000,
    whenBusy: () => ({ acquired: false }),
  }),
);
