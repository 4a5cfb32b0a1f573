import { afterEach, expect, it, jest } from '@jest/globals';
import { Election } from '../../../src/election/index.js';
import { LockAbortedError, LockLostError } from '../../../src/index.js';
import { pausableClock, T0 } from '../support.js';
import { advance, electionTable, settled } from './election-table.js';

// aws-sdk-client-mock behind one in-memory item (election-table.ts): the fake clock decides when
// each poll and takeover happens. test/integration/election runs real processes on both servers.

afterEach(() => {
  jest.useRealTimers();
});

const LEASE = 10_000;
const POLL = 1_000;

it('candidates are elected one at a time, in turn, with strictly increasing terms; a waiting one reads at most once per poll', async () => {
  const table = electionTable();
  const [a, b, c] = ['a', 'b', 'c'].map((owner) => table.candidate(owner));
  const first = await new Election(a!.client, 'sched').campaign();
  expect(first.owner).toBe('a');
  const waiting = [b!, c!].map((cand) => new Election(cand.client, 'sched').campaign());
  await advance(30_000); // three leases: a heartbeats, nobody takes over a live leader
  expect(await Promise.all(waiting.map(settled))).toEqual([false, false]);
  for (const cand of [b!, c!]) {
    expect(cand.writes()).toBe(1); // the first attempt only
    expect(cand.reads()).toBeLessThanOrEqual(30_000 / (POLL / 2) + 1); // each pause is at least half a poll
  }
  expect(first.isValid()).toBe(true);

  await first.release(); // resign
  await advance(2 * POLL);
  const second = await Promise.race(waiting);
  expect(second.owner).not.toBe('a');
  expect(second.fence).toBe(first.fence + 1);
  const other = waiting[second.owner === 'b' ? 1 : 0]!;
  expect(await settled(other)).toBe(false); // one leader at a time
  await second.release();
  await advance(2 * POLL);
  const third = await other;
  expect(third.fence).toBe(second.fence + 1);
  await third.release();
});

it('a dead leader is replaced one lease after the waiter first saw its last record version, never earlier', async () => {
  const table = electionTable();
  const dead = table.candidate('dead', { heartbeatMs: 0 }); // never renews: a crashed leader
  const live = table.candidate('live');
  const term = await new Election(dead.client, 'sched').campaign();
  const next = new Election(live.client, 'sched').campaign();
  await advance(LEASE - 1);
  expect(await settled(next)).toBe(false);
  await advance(POLL + 10);
  const successor = await next;
  expect(successor.fence).toBe(term.fence + 1);
  expect(Date.now() - T0).toBeLessThanOrEqual(LEASE + POLL + 10); // L1: lease + poll from the first sighting
  expect(term.isValid()).toBe(false); // its own validity (lease − margin) ended before the takeover
  await successor.release();
});

it('demotion on expiry: a leader paused past its lease is invalid, its signal aborted before it acts, reported demoted', async () => {
  const table = electionTable();
  const clock = pausableClock();
  const leader = table.candidate('paused', { clock });
  const term = await new Election(leader.client, 'sched').campaign();
  clock.pause(LEASE + 1); // SIGSTOP: the monotonic clock jumps, no timer has run yet
  expect(term.isValid()).toBe(false);
  expect(term.signal.aborted).toBe(true);
  expect(term.signal.reason).toBeInstanceOf(LockLostError);
  expect(leader.events.filter((e) => e.type === 'demoted')).toEqual([expect.objectContaining({ election: 'sched', reason: 'expired' })]);
  await expect(term.heartbeat({ data: 'x' })).rejects.toBeInstanceOf(LockLostError);
});

it('demotion on a stolen term: the next heartbeat finds another grant, the signal aborts, demoted(stolen) is reported', async () => {
  const table = electionTable();
  const leader = table.candidate('victim');
  const term = await new Election(leader.client, 'sched').campaign();
  const stored = table.items.get('election/sched')!;
  table.set('election/sched', { ...stored, owner: { S: 'thief' }, fence: { N: String(term.fence + 1) }, rvn: { S: 'thief-v1' } });
  await advance(2_000); // the next heartbeat
  expect(term.isValid()).toBe(false);
  expect((term.signal.reason as LockLostError).reason).toBe('stolen');
  const types = leader.events.filter((e) => ['elected', 'demoted', 'resigned'].includes(e.type));
  expect(types).toEqual([
    expect.objectContaining({ type: 'elected', fence: term.fence, owner: 'victim' }),
    expect.objectContaining({ type: 'demoted', reason: 'stolen', fence: term.fence }),
  ]);
});

it('a resignation is reported as resigned and keeps the item (released), so the next term is the next fence', async () => {
  const table = electionTable();
  const leader = table.candidate('a');
  const election = new Election(leader.client, 'sched', { data: 'host-a' });
  const term = await election.campaign();
  await term.heartbeat({ data: 'host-a:2' }); // proclaim
  expect(await election.leader()).toMatchObject({ owner: 'a', fence: term.fence, data: 'host-a:2' });
  await term.release();
  expect(table.items.get('election/sched')?.released).toEqual({ BOOL: true });
  expect(await election.leader()).toBeUndefined();
  expect(leader.events.map((e) => e.type)).toContain('resigned');
  expect((await election.campaign()).fence).toBe(term.fence + 1);
});

it('an aborted campaign rejects with LockAbortedError and writes nothing more', async () => {
  const table = electionTable();
  const holder = table.candidate('holder');
  const waiter = table.candidate('waiter');
  await new Election(holder.client, 'sched').campaign();
  const stop = new AbortController();
  const campaign = new Election(waiter.client, 'sched').campaign({ signal: stop.signal });
  const outcome = campaign.catch((e: unknown) => e);
  await advance(3 * POLL);
  stop.abort();
  expect(await outcome).toBeInstanceOf(LockAbortedError);
  const writes = waiter.writes();
  await advance(3 * LEASE);
  expect(waiter.writes()).toBe(writes);
});

it('a campaign outlives an outage of DynamoDB: it keeps trying and is elected once the leader resigned and the table answers', async () => {
  const table = electionTable();
  const holder = table.candidate('holder');
  const waiter = table.candidate('waiter');
  const term = await new Election(holder.client, 'sched').campaign();
  const next = new Election(waiter.client, 'sched').campaign();
  await advance(2 * POLL);
  await term.release();
  table.outageUntil = Date.now() + 3 * LEASE; // requests fail for longer than any request deadline
  await advance(3 * LEASE);
  expect(await settled(next)).toBe(false); // still campaigning, not rejected
  await advance(2 * POLL);
  expect((await next).fence).toBe(term.fence + 1);
});

it('trustWallClock: a late candidate replaces a dead leader one poll after its expiry + maxSkewMs, watching no lease', async () => {
  const table = electionTable();
  const dead = table.candidate('dead', { heartbeatMs: 0 });
  const late = table.candidate('late', { trustWallClock: { maxSkewMs: 1_000 } });
  const term = await new Election(dead.client, 'sched').campaign();
  await advance(LEASE / 2); // arrives half a lease later: skew-free it would wait a whole lease from here
  const next = new Election(late.client, 'sched').campaign();
  await advance(LEASE / 2 + 1_000 - 1);
  expect(await settled(next)).toBe(false); // never before expiresAt + maxSkewMs
  await advance(POLL + 10);
  expect((await next).fence).toBe(term.fence + 1);
  expect(Date.now() - T0).toBeLessThanOrEqual(LEASE + 1_000 + POLL + 10);
});

it('a campaign aborted during an outage rejects with LockAbortedError', async () => {
  const table = electionTable();
  const waiter = table.candidate('waiter');
  table.outageUntil = Date.now() + 60_000;
  const stop = new AbortController();
  const outcome = new Election(waiter.client, 'sched').campaign({ signal: stop.signal }).catch((e: unknown) => e);
  await advance(2 * LEASE); // past a request deadline: the campaign is pausing between tries
  stop.abort();
  await advance(POLL);
  expect(await settled(outcome)).toBe(true);
  expect(await outcome).toBeInstanceOf(LockAbortedError);
});
