import { afterEach, expect, it, jest } from '@jest/globals';
import { Election } from '../../../src/election/index.js';
import type { Lock } from '../../../src/index.js';
import { advance, electionTable, settled } from './election-table.js';

afterEach(() => {
  jest.useRealTimers();
});

it('lead campaigns again when its term is lost, without waiting for a callback that ignores the signal', async () => {
  const table = electionTable();
  const me = table.candidate('me');
  const terms: Lock[] = [];
  const stop = new AbortController();
  // Never returns and never looks at term.signal: the worst callback.
  const leading = new Election(me.client, 'sched').lead(
    (term) => {
      terms.push(term);
      return new Promise(() => undefined);
    },
    { signal: stop.signal },
  );
  await advance(0);
  expect(terms.map((t) => t.fence)).toHaveLength(1);
  const stored = table.items.get('election/sched')!;
  // A thief takes the term and then dies (never heartbeats).
  table.set('election/sched', { ...stored, owner: { S: 'thief' }, fence: { N: String(terms[0]!.fence + 1) }, rvn: { S: 'thief-v1' } });
  await advance(2_000); // our heartbeat fails: demoted
  expect(terms[0]!.signal.aborted).toBe(true);
  const writesAfterLoss = me.writes();
  await advance(12_000); // watched the thief's version for a lease: elected again
  expect(me.writes()).toBeGreaterThan(writesAfterLoss);
  expect(terms).toHaveLength(2);
  expect(terms[1]!.fence).toBe(terms[0]!.fence + 2);
  expect(terms[1]!.isValid()).toBe(true);
  stop.abort();
  await advance(0);
  expect(await settled(leading)).toBe(true);
  await leading;
  expect(terms[1]!.state).toBe('released'); // resigned on abort
  expect(table.items.get('election/sched')?.released).toEqual({ BOOL: true });
});

it('a callback that returns resigns its term and lead campaigns again; one that throws resigns and rejects lead', async () => {
  const table = electionTable();
  const me = table.candidate('me');
  const fences: number[] = [];
  const failure = new Error('scheduler broke');
  const leading = new Election(me.client, 'sched').lead(async (term) => {
    fences.push(term.fence);
    if (fences.length === 3) throw failure;
  });
  const outcome = leading.catch((e: unknown) => e);
  await advance(100);
  expect(await outcome).toBe(failure);
  expect(fences).toEqual([fences[0], fences[0]! + 1, fences[0]! + 2]);
  expect(table.items.get('election/sched')?.released).toEqual({ BOOL: true });
  expect(me.events.filter((e) => e.type === 'resigned')).toHaveLength(3);
});

it('lead stopped while waiting for a live leader returns without a term', async () => {
  const table = electionTable();
  const holder = table.candidate('holder');
  const me = table.candidate('me');
  await new Election(holder.client, 'sched').campaign();
  const stop = new AbortController();
  const work = jest.fn(async () => undefined);
  const leading = new Election(me.client, 'sched').lead(work, { signal: stop.signal });
  await advance(5_000);
  stop.abort();
  await advance(0);
  await expect(leading).resolves.toBeUndefined();
  expect(work).not.toHaveBeenCalled();
});
