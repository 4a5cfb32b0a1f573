import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Election, type ObservedLeader } from '../../../src/election/index.js';
import { termChanges } from '../../../src/election/term-changes.js';
import type { LockInfo } from '../../../src/index.js';
import { advance, electionTable } from './election-table.js';

afterEach(() => {
  jest.useRealTimers();
});

const info = (fence: number, overrides: Partial<LockInfo> = {}): LockInfo => ({
  key: 'election/x',
  owner: `o${fence}`,
  recordVersion: `v${fence}`,
  fence,
  leaseMs: 10_000,
  expiresAt: 0,
  released: false,
  ...overrides,
});

/** Runs the observer's rule over a sequence of polls; returns what it yields, as `fence/missed` or `-`. */
function yields(polls: Array<LockInfo | undefined>): string[] {
  let cursor: Parameters<typeof termChanges>[0];
  const out: string[] = [];
  for (const poll of polls) {
    const next = termChanges(cursor, poll);
    cursor = next.cursor;
    out.push(...next.changes.map((c) => (c ? `${c.fence}/${c.missedTerms}` : '-')));
  }
  return out;
}

describe('termChanges', () => {
  it('yields the current state first, then each new term, a resignation as undefined, nothing for heartbeats', () => {
    expect(yields([info(5), info(5, { recordVersion: 'v5b' }), info(5, { released: true }), info(6)])).toEqual(['5/0', '-', '6/0']);
    expect(yields([undefined, undefined])).toEqual(['-']);
    expect(yields([info(5, { released: true })])).toEqual(['-']);
  });
  it('a term that began and ended between two polls shows up, then undefined; skipped fences count as missed', () => {
    expect(yields([info(5), info(6, { released: true })])).toEqual(['5/0', '6/0', '-']);
    expect(yields([info(5), info(8)])).toEqual(['5/0', '8/2']);
    expect(yields([info(5, { released: true }), info(7, { released: true })])).toEqual(['-', '7/1', '-']);
  });
  it('new proclaimed data in the same term yields the leader again', () => {
    expect(yields([info(5, { data: 'a' }), info(5, { data: 'a' }), info(5, { data: 'b' })])).toEqual(['5/0', '5/0']);
    expect(yields([info(5, { data: new Uint8Array([1]) }), info(5, { data: new Uint8Array([1]) })])).toEqual(['5/0']);
  });
  it('after the item was absent the count is unknown', () => {
    expect(yields([info(5), undefined, info(9_000_001)])).toEqual(['5/0', '-', '9000001/undefined']);
    expect(yields([undefined, info(9_000_001)])).toEqual(['-', '9000001/undefined']);
  });
});

it('observe sees every term in order, including one that began and ended between two polls, at one read per poll', async () => {
  const table = electionTable();
  const [a, b, c, watcher] = ['a', 'b', 'c', 'watcher'].map((owner) => table.candidate(owner));
  const stop = new AbortController();
  const seen: Array<ObservedLeader | undefined> = [];
  const observing = (async () => {
    for await (const leader of new Election(watcher!.client, 'sched').observe({ signal: stop.signal, pollMs: 1_000 })) seen.push(leader);
  })();
  await advance(0);
  expect(seen).toEqual([undefined]);
  const termA = await new Election(a!.client, 'sched').campaign();
  await advance(1_000);
  // Between two polls: a resigns, b is elected and resigns, c is elected.
  await termA.release();
  const termB = await new Election(b!.client, 'sched').campaign();
  await termB.release();
  const termC = await new Election(c!.client, 'sched').campaign();
  await advance(1_000);
  await termC.release();
  await advance(1_000);
  stop.abort();
  await advance(0);
  await observing;
  expect(seen.map((l) => l && { owner: l.owner, fence: l.fence, missedTerms: l.missedTerms })).toEqual([
    undefined,
    { owner: 'a', fence: termA.fence, missedTerms: undefined }, // first term after an absent item: count unknown
    { owner: 'c', fence: termC.fence, missedTerms: 1 }, // b's term went by between two polls: said so
    undefined,
  ]);
  expect(termC.fence).toBe(termA.fence + 2);
  expect(watcher!.reads()).toBe(4); // one read per poll: at 0, 1, 2 and 3 s
  expect(watcher!.writes()).toBe(0);
});
