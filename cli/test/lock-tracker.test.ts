import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LockInfo } from '@ddb-lock/runtime';
import { LockTracker } from '../src/lock-tracker.js';

const WALL = 1_800_000_000_000;
const a: LockInfo = { key: 'job', owner: 'a#1', recordVersion: 'v1', fence: 7, leaseMs: 1_000, expiresAt: WALL + 1_000, released: false };

const kinds = (events: { event: string }[]) => events.map((e) => e.event);

test('first poll: every lock is "seen" with its state; then acquire, renew, release', () => {
  const t = new LockTracker();
  const other: LockInfo = { ...a, key: 'old', released: true };
  assert.deepEqual(
    t.update([a, other], 0, WALL).map((e) => [e.event, e.key, e.state]),
    [
      ['seen', 'job', 'held'],
      ['seen', 'old', 'released'],
    ],
  );
  assert.deepEqual(kinds(t.update([a, other], 100, WALL + 100)), []);
  assert.deepEqual(kinds(t.update([{ ...a, recordVersion: 'v2' }, other], 200, WALL + 200)), ['renew']);
  assert.deepEqual(kinds(t.update([{ ...a, recordVersion: 'v2', released: true }, other], 300, WALL + 300)), ['release']);
  const next = { ...a, fence: 8, recordVersion: 'v3', owner: 'b#2' };
  const events = t.update([next, other], 400, WALL + 400);
  assert.deepEqual(
    events.map((e) => [e.event, e.owner, e.fence]),
    [['acquire', 'b#2', 8]],
  );
  assert.deepEqual(kinds(t.update([other], 500, WALL + 500)), ['release']);
  assert.equal(t.update([other], 600, WALL + 600).length, 0);
  assert.deepEqual(kinds(t.update([other, { ...a, key: 'new' }], 700, WALL + 700)), ['acquire']);
});

test('a new grant over one watched unchanged for its lease is a takeover', () => {
  const t = new LockTracker();
  t.update([a], 0, WALL);
  const b = { ...a, fence: 8, recordVersion: 'v9', owner: 'b#2', expiresAt: WALL + 2_000 };
  const events = t.update([b], 1_000, WALL + 500); // wall clock not past a's expiry: the monotonic watch decides
  assert.deepEqual(
    events.map((e) => [e.event, e.previousOwner, e.previousFence]),
    [['takeover', 'a#1', 7]],
  );
});

test('a new grant over one renewed less than a lease ago, before its expiry, is an acquire (its release fell between polls)', () => {
  const t = new LockTracker();
  t.update([a], 0, WALL);
  const events = t.update([{ ...a, fence: 8, recordVersion: 'v9', owner: 'b#2' }], 500, WALL + 500);
  assert.deepEqual(
    events.map((e) => [e.event, e.previousOwner]),
    [['acquire', 'a#1']],
  );
});

test('a grant acquired and released between two polls shows both', () => {
  const t = new LockTracker();
  t.update([{ ...a, released: true }], 0, WALL);
  assert.deepEqual(kinds(t.update([{ ...a, fence: 8, recordVersion: 'v2', released: true }], 100, WALL + 100)), ['acquire', 'release']);
});

test('sort keys keep locks of one partition apart', () => {
  const t = new LockTracker();
  t.update([{ ...a, sortKey: 'x' }], 0, WALL);
  const events = t.update(
    [
      { ...a, sortKey: 'x' },
      { ...a, sortKey: 'y', recordVersion: 'v5' },
    ],
    100,
    WALL + 100,
  );
  assert.deepEqual(
    events.map((e) => [e.event, e.sortKey]),
    [['acquire', 'y']],
  );
});
