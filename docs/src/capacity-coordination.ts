import { type Lock, LockClient } from '@ddb-lock/runtime';
import { Election } from '@ddb-lock/runtime/election';
import { permitKey, Semaphore } from '@ddb-lock/runtime/semaphore';
import { type CapacityRecorder, key, MEASURED_DATA, MEASURED_TABLE } from './capacity-recorder.ts';

/** N of the semaphore whose every operation is measured. */
export const SMALL_SEMAPHORE = 5;
/** N of the largest semaphore (one BatchGetItem reads at most 100 keys): its wait poll is measured too. */
export const LARGE_SEMAPHORE = 100;
/** Permits held when the contended acquire of the small semaphore is measured (k of N). */
export const HELD_PERMITS = 3;

/**
 * Clients for a measurement: long leases and heartbeats (30 s), so no background heartbeat lands in a
 * phase; polls of 100 ms, so a measured wait reaches its next poll quickly.
 */
function client(recorder: CapacityRecorder): LockClient {
  return new LockClient({ tableName: MEASURED_TABLE, client: recorder.client(), leaseMs: 120_000, heartbeatMs: 30_000, pollMs: 100 });
}

/**
 * Measures the semaphore's operations through its public API (`@ddb-lock/runtime/semaphore`): an acquire
 * of a free semaphore (permit 0), an acquire with k of N held (the refused write on permit 0, one
 * BatchGetItem of all N permits, the write on a free permit), a permit's heartbeat, a waiting acquire with
 * all N held (its first attempt and one poll) for N = 5 and N = 100, and a release. Held permits never
 * heartbeat on their own (`autoHeartbeat: false`), so nothing but the phase's own requests is recorded.
 * Returns the size of permit 0's item and the semaphores' sizes; the operations are in `recorder.phases`.
 *
 * @example
 * ```ts
 * const { permitBytes } = await measureSemaphore(recorder); // recorder.phases holds the operations
 * ```
 */
export async function measureSemaphore(recorder: CapacityRecorder) {
  const holders = client(recorder);
  const waiter = client(recorder);
  const options = { autoHeartbeat: false, data: MEASURED_DATA };
  const held: Lock[] = [];
  try {
    const small = new Semaphore(holders, 'partner-api', { permits: SMALL_SEMAPHORE });
    const first = await recorder.phase('semaphore: acquire, semaphore free', () => small.acquire(options));
    if (!first) throw new Error('the measured permit acquire returned no permit');
    held.push(first);
    while (held.length < HELD_PERMITS) held.push(await small.acquire(options));
    const contended = await recorder.phase(`semaphore: acquire, ${HELD_PERMITS} of ${SMALL_SEMAPHORE} held`, () =>
      new Semaphore(waiter, 'partner-api', { permits: SMALL_SEMAPHORE }).acquire(options),
    );
    if (!contended) throw new Error('the contended permit acquire returned no permit');
    held.push(contended);
    await recorder.phase('semaphore: heartbeat of a held permit', () => contended.heartbeat());
    const permitBytes = await recorder.itemBytes(MEASURED_TABLE, key(permitKey('partner-api', 0, false).key));
    while (held.length < SMALL_SEMAPHORE) held.push(await small.acquire(options));
    await waitWithAllHeld(recorder, new Semaphore(waiter, 'partner-api', { permits: SMALL_SEMAPHORE }));
    const large = new Semaphore(holders, 'export-slots', { permits: LARGE_SEMAPHORE });
    for (let i = 0; i < LARGE_SEMAPHORE; i++) held.push(await large.acquire(options));
    await waitWithAllHeld(recorder, new Semaphore(waiter, 'export-slots', { permits: LARGE_SEMAPHORE }));
    await recorder.phase('semaphore: release', () => contended.release());
    return { permitBytes, small: SMALL_SEMAPHORE, large: LARGE_SEMAPHORE, held: HELD_PERMITS };
  } finally {
    await Promise.all(held.filter((l) => l.state === 'held').map((l) => l.release()));
    await holders.close();
    await waiter.close();
  }
}

/**
 * A waiting acquire while every permit is held: the refused write on permit 0 (plus, on dynalite, the read of
 * the refusing item), the BatchGetItem of all N permits, then — after the poll pause — the next poll's
 * BatchGetItem, where the measurement stops it (a wait goes on polling once per pause until a permit frees).
 */
async function waitWithAllHeld(recorder: CapacityRecorder, semaphore: Semaphore): Promise<void> {
  await recorder.phase(
    `semaphore: waiting acquire, all ${semaphore.permits} held: first attempt and one more poll`,
    (signal) => semaphore.acquire({ waitMs: 60_000, signal }),
    { stopWhen: (requests) => requests.filter((r) => r.command === 'BatchGetItem').length === 2 },
  );
}

/**
 * Measures the election's operations through its public API (`@ddb-lock/runtime/election`): a campaign
 * nobody contests (one write), the leader's heartbeat, a standby candidate's campaign while a leader holds
 * the term (its refused write, then one poll, where the measurement stops it), an observer's read of the
 * leader, and a resignation.
 *
 * @example
 * ```ts
 * const { termBytes } = await measureElection(recorder);
 * ```
 */
export async function measureElection(recorder: CapacityRecorder) {
  const leaderClient = client(recorder);
  const standbyClient = client(recorder);
  const observerClient = client(recorder);
  const settings = { data: MEASURED_DATA, pollMs: 100 };
  try {
    const election = new Election(leaderClient, 'billing-scheduler', settings);
    const term = await recorder.phase('election: campaign, nobody leads', () => election.campaign());
    if (!term) throw new Error('the measured campaign returned no term');
    await recorder.phase("election: the leader's heartbeat", () => term.heartbeat());
    const termBytes = await recorder.itemBytes(MEASURED_TABLE, key(election.key));
    const standby = new Election(standbyClient, 'billing-scheduler', settings);
    await recorder.phase(
      'election: campaign while a leader holds the term: first attempt and one poll',
      (signal) => standby.campaign({ signal }),
      { stopWhen: (requests) => requests.some((r) => r.command === 'GetItem' && !r.dynaliteOnly) },
    );
    const observer = new Election(observerClient, 'billing-scheduler', settings);
    await recorder.phase("election: an observer's read of the leader (leader(), or one poll of observe())", () => observer.leader());
    await recorder.phase('election: resign', () => term.release());
    return { termBytes };
  } finally {
    await leaderClient.close();
    await standbyClient.close();
    await observerClient.close();
  }
}
