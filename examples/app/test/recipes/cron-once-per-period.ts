import type { LockClient } from '@ddb-lock/runtime';

/**
 * Runs `job` at most once per period — e.g. once a minute — however many machines fire for that
 * minute and however late one of them is. The lock alone only keeps runs from overlapping; the
 * period done is stored in the lock's data on release, and read back on acquire.
 *
 * `period` must come from the schedule, not the machine's clock: EventBridge's `event.time`
 * truncated to the minute, cron's intended time. Periods must sort as strings (ISO 8601 does).
 */
export async function runOncePerPeriod(
  client: LockClient,
  key: string,
  period: string,
  job: () => Promise<void>,
): Promise<'ran' | 'already done' | 'busy'> {
  // replaceData: false keeps the data the last holder left: the last period done.
  const lock = await client.tryAcquire(key, { replaceData: false });
  if (!lock) return 'busy'; // running elsewhere right now
  const done = typeof lock.data === 'string' ? lock.data : '';
  if (done >= period) {
    await lock.release(); // keeps the stored period
    return 'already done'; // this period, or a later one, ran
  }
  try {
    await job();
  } catch (error) {
    await lock.release(); // not done: a retry in this period may run it
    throw error;
  }
  // Only a finished job records its period.
  await lock.release({ data: period });
  return 'ran';
}
