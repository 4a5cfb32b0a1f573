import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LockInfo } from '@ddb-lock/runtime';
import { watchForStaleness } from '../src/staleness-watch.js';

const held: LockInfo = { key: 'job', owner: 'a#1', recordVersion: 'v1', fence: 7, leaseMs: 1_000, expiresAt: 0, released: false };

/** A fake monotonic clock the fake sleep advances, and reads that answer from a script. */
function harness(answers: (now: number) => LockInfo | undefined) {
  let now = 0;
  const sentAt: number[] = [];
  return {
    clock: { monotonicNow: () => now, wallNow: () => 1e12 + now },
    sleep: async (ms: number) => {
      now += ms;
    },
    read: async () => {
      sentAt.push(now);
      return answers(now);
    },
    sentAt,
  };
}

test("stale only after a read sent a full lease after the first sighting (the waiter's rule)", async () => {
  const h = harness(() => held);
  const verdict = await watchForStaleness(h.read, held, 0, { pollMs: 300, clock: h.clock, sleep: h.sleep });
  assert.deepEqual(verdict, { verdict: 'stale', watchedMs: 1_000 });
  assert.deepEqual(h.sentAt, [300, 600, 900, 1_000]); // never concluded from the read at 900
});

test('a wall clock far off changes nothing: only the monotonic clock counts', async () => {
  const h = harness(() => ({ ...held, expiresAt: 1 })); // "expired" decades ago by wall clock
  const verdict = await watchForStaleness(h.read, held, 0, { pollMs: 400, clock: { ...h.clock, wallNow: () => 9e15 }, sleep: h.sleep });
  assert.equal(verdict.verdict, 'stale');
  assert.equal(h.sentAt.at(-1), 1_000);
});

test('a heartbeat one poll before the end of the lease means alive', async () => {
  const h = harness((now) => (now >= 900 ? { ...held, recordVersion: 'v2' } : held));
  assert.deepEqual(await watchForStaleness(h.read, held, 0, { pollMs: 300, clock: h.clock, sleep: h.sleep }), {
    verdict: 'alive',
    reason: 'heartbeat',
    afterMs: 900,
  });
});

test('a new grant, a release and a deletion end the watch with what happened', async () => {
  const cases: [LockInfo | undefined, string][] = [
    [{ ...held, fence: 8, recordVersion: 'v9', owner: 'b#2' }, 'alive'],
    [{ ...held, released: true }, 'free'],
    [undefined, 'free'],
  ];
  for (const [answer, expected] of cases) {
    const h = harness(() => answer);
    const verdict = await watchForStaleness(h.read, held, 0, { pollMs: 300, clock: h.clock, sleep: h.sleep });
    assert.equal(verdict.verdict, expected);
    assert.equal(h.sentAt.length, 1);
  }
});

test('progress is reported after every read, capped at the lease', async () => {
  const h = harness(() => held);
  const seen: [number, number][] = [];
  await watchForStaleness(h.read, held, 0, { pollMs: 400, clock: h.clock, sleep: h.sleep, onProgress: (w, l) => seen.push([w, l]) });
  assert.deepEqual(seen, [
    [400, 1_000],
    [800, 1_000],
    [1_000, 1_000],
  ]);
});
