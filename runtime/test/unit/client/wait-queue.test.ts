import { describe, expect, it } from '@jest/globals';
import { GrantPace } from '../../../src/client/grant-pace.js';
import { WaitQueue } from '../../../src/client/wait-queue.js';
import type { LockInfo } from '../../../src/protocol/lock-info.js';
import type { LockProtocol } from '../../../src/protocol/lock-protocol.js';
import type { QueuePlace } from '../../../src/protocol/queue-place.js';
import type { QueueChange } from '../../../src/protocol/queue-request.js';

// WaitQueue's decisions against a scripted protocol: which request a poll sends, who may take
// the lock, how long to pause. The servers' side is test/integration/client/fair-waiting.test.ts.

const WALL = 1_800_000_000_000;
const POLL = 1_000;
const PLACE = 4 * POLL;
const SKEW = 1_000;

function setup(owner = 'me') {
  let mono = 0;
  const clock = { monotonicNow: () => mono, wallNow: () => WALL + mono };
  const sent: (QueueChange | 'read')[] = [];
  const queued: [number, number | undefined][] = [];
  let answer: { done: boolean; item: LockInfo | undefined } = { done: true, item: undefined };
  const protocol = {
    changeQueue: async (_lock: unknown, change: QueueChange) => {
      sent.push(change);
      return answer;
    },
    read: async () => {
      sent.push('read');
      return answer.item;
    },
  } as unknown as LockProtocol;
  const queue = new WaitQueue(
    protocol,
    { key: 'job' },
    owner,
    { clock, pollMs: POLL, placeMs: PLACE, skewMs: SKEW, maxWaiters: 100, onQueued: (ahead, fence) => queued.push([ahead, fence]) },
    new GrantPace(),
  );
  return {
    queue,
    sent,
    queued,
    advance: (ms: number) => {
      mono += ms;
    },
    now: () => mono,
    answer: (done: boolean, item: LockInfo | undefined) => {
      answer = { done, item };
    },
  };
}

const held = (fence: number, waiters?: QueuePlace[], released = false): LockInfo => ({
  key: 'job',
  owner: 'holder',
  recordVersion: `v${fence}`,
  fence,
  leaseMs: 20_000,
  expiresAt: WALL + 20_000,
  released,
  ...(waiters && waiters.length > 0 && { waiters }),
});
const place = (id: string, expiresAt = WALL + PLACE): QueuePlace => ({ id, expiresAt });

describe('WaitQueue', () => {
  it('a waiting call joins after its refused write; then only the head may take the lock', async () => {
    const t = setup();
    t.queue.observe(held(10, [place('other:1')]), t.now());
    expect(t.queue.mayTake()).toBe(false); // someone queues: no barging
    expect(t.queue.urgent(true, false)).toBe(true); // join at once
    expect(t.queue.urgent(false, false)).toBe(false); // a call that does not wait never joins
    const me = place(t.queue.id);
    t.answer(true, held(10, [place('other:1'), me]));
    const item = await t.queue.poll(true);
    expect(t.sent).toEqual([{ kind: 'join', place: { id: t.queue.id, expiresAt: WALL + PLACE }, maxWaiters: 100 }]);
    t.queue.observe(item, t.now());
    expect([t.queue.joined, t.queue.waitersAhead, t.queue.mayTake()]).toEqual([true, 1, false]);
    expect(t.queue.fairness()).toEqual({ place: t.queue.id });
    t.queue.observe(held(11, [me], true), t.now()); // the other waiter was served and released
    expect([t.queue.waitersAhead, t.queue.mayTake()]).toEqual([0, true]);
  });

  it('a place is announced once, however learned: a join answered, a join whose answer was lost, a join after an eviction', async () => {
    const t = setup();
    const me = place(t.queue.id);
    t.queue.observe(held(10, [place('a:1')]), t.now());
    t.answer(true, held(10, [place('a:1'), me]));
    t.queue.observe(await t.queue.poll(true), t.now());
    t.queue.observe(held(10, [place('a:1'), me]), t.now()); // still there: no second notice
    expect(t.queued).toEqual([[1, 10]]);
    // Evicted (a renewal came too late), then a join whose answer is lost: the next read shows the place.
    t.queue.observe(held(12, [place('b:2')]), t.now());
    expect(t.queue.joined).toBe(false);
    t.answer(false, undefined);
    await t.queue.poll(true).catch(() => {});
    t.queue.observe(held(12, [place('b:2'), me]), t.now());
    expect(t.queued).toEqual([
      [1, 10],
      [1, 12],
    ]);
  });

  it('a refused join (full queue) is not retried before one poll', async () => {
    const t = setup();
    const full = held(10, [place('a:1')]);
    t.queue.observe(full, t.now());
    t.answer(false, full);
    t.queue.observe(await t.queue.poll(true), t.now());
    expect(t.queue.urgent(true, false)).toBe(false);
    t.answer(false, full);
    await t.queue.poll(true);
    expect(t.sent.at(-1)).toBe('read');
    t.advance(POLL);
    await t.queue.poll(true);
    expect(t.sent.at(-1)).toMatchObject({ kind: 'join' });
  });

  it('renews its place every placeMs/2, at the index it was last seen at', async () => {
    const t = setup();
    const me = () => place(t.queue.id, WALL + t.now() + PLACE);
    t.answer(true, held(10, [place('a:1'), me()]));
    t.queue.observe(held(10, [place('a:1')]), t.now());
    t.queue.observe(await t.queue.poll(true), t.now());
    t.advance(PLACE / 2 - 1);
    await t.queue.poll(true);
    expect(t.sent.at(-1)).toBe('read');
    t.advance(1);
    await t.queue.poll(true);
    expect(t.sent.at(-1)).toEqual({ kind: 'renew', index: 1, place: { id: t.queue.id, expiresAt: WALL + t.now() + PLACE } });
    // The pause never runs past the next renewal.
    expect(t.queue.pauseMs(t.now(), 60_000)).toBeLessThanOrEqual(PLACE / 2);
  });

  it('evicts the first place ahead of it that expired more than skew ago, never a live one, never one behind', async () => {
    const t = setup();
    const me = place(t.queue.id);
    t.queue.observe(held(10, [place('dead:1', WALL - SKEW), place('live:2', WALL + 10), me, place('dead:3', 0)]), t.now());
    expect(t.queue.urgent(true, false)).toBe(false); // dead:1 expired exactly skew ago: not yet
    t.advance(1);
    expect(t.queue.urgent(true, false)).toBe(true);
    t.answer(true, held(10, [place('live:2', WALL + 10), me, place('dead:3', 0)]));
    t.queue.observe(await t.queue.poll(true), t.now());
    expect(t.sent).toEqual([{ kind: 'evict', index: 0, id: 'dead:1', expiredBefore: WALL + 1 - SKEW }]);
    expect(t.queue.urgent(true, false)).toBe(false); // dead:3 is behind us: not ours to hold up
  });

  it('a call past its deadline may clear expired places before a free lock, a few times at most', () => {
    const t = setup();
    t.queue.observe(held(10, [place('dead:1', 0)], true), t.now());
    expect(t.queue.worthAnotherTry(false)).toBe(false); // held: nothing to gain
    for (let i = 0; i < 4; i++) expect(t.queue.worthAnotherTry(true)).toBe(true);
    expect(t.queue.worthAnotherTry(true)).toBe(false);
  });

  it('leaves at the index last seen, and once more where a refusal shows it', async () => {
    const t = setup();
    const me = place(t.queue.id);
    t.queue.observe(held(10, [place('a:1'), place('b:2'), me]), t.now());
    t.answer(false, held(11, [place('b:2'), me]));
    await t.queue.leave();
    expect(t.sent).toEqual([
      { kind: 'leave', index: 2, id: t.queue.id },
      { kind: 'leave', index: 1, id: t.queue.id },
    ]);
  });

  it('paces: the next two in line look in steps of the hold so far; later places sleep most of their expected wait', () => {
    const t = setup();
    t.queue.observe(held(10, [place('a:1'), place('b:2'), place('c:3'), place(t.queue.id)]), t.now());
    expect(t.queue.pauseMs(t.now(), 123)).toBe(123); // no grant seen yet, third in line: the caller's backoff
    t.advance(100);
    t.queue.observe(held(14, [place('a:1'), place('b:2'), place('c:3'), place(t.queue.id)]), t.now()); // 25 ms a grant
    const fourth = t.queue.pauseMs(t.now(), 123);
    expect(fourth).toBeGreaterThanOrEqual(0.9 * 0.6 * 2 * 25);
    expect(fourth).toBeLessThanOrEqual(1.1 * 0.6 * 2 * 25);
    t.queue.observe(held(14, [place(t.queue.id)]), t.now());
    t.advance(40); // the holder has held 40 ms as far as we saw: look again in ~20 ms
    const head = t.queue.pauseMs(t.now(), 123);
    expect(head).toBeGreaterThanOrEqual(0.9 * 20);
    expect(head).toBeLessThanOrEqual(1.1 * 20);
    // A long hold is looked at in growing steps, never above pollMs.
    t.advance(10_000);
    t.queue.observe(held(14, [place('a:1')]), t.now()); // (holding no place: no renewal due)
    expect(t.queue.pauseMs(t.now(), 123)).toBe(POLL);
  });
});
