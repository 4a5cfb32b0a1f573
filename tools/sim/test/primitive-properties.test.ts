import assert from 'node:assert/strict';
import { test } from 'node:test';
import { electionOf, semaphoreOf } from '../src/monitors.ts';
import { checkPermitWindows, checkTerms, type Term, type Window } from '../src/properties.ts';

// SN and SE over what a run recorded (the monitors check the same beliefs after every event; the
// mutants semaphore-admits-n-plus-1 and two-valid-leaders show they catch what they must).

const w = (key: string, owner: string, start: number, end: number): Window => ({ key, owner, fence: 1, start, end });

test('SN windows: N permits at once hold; one more of the same semaphore is a violation; touching windows do not overlap', () => {
  const two = [w('s0#0', 'p0', 0, 100), w('s0#1', 'p1', 50, 150), w('s1#0', 'p2', 60, 90), w('k0', 'p3', 0, 200)];
  const ok: string[] = [];
  checkPermitWindows(two, 2, ok);
  assert.deepEqual(ok, []);
  const bad: string[] = [];
  checkPermitWindows([...two, w('s0#0', 'p4', 100, 120), w('s0#2', 'p5', 70, 80)], 2, bad);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!, /^SN: 3 permits of s0 \(N = 2\) held validly at 70\.0/);
});

test('SE terms: believed terms carry increasing fences; a term spent before it arrived may come late', () => {
  const term = (owner: string, fence: number, at: number, valid = true): Term => ({ election: 'e0', owner, fence, at, valid });
  const ok: string[] = [];
  checkTerms([term('p0', 5, 0), term('p1', 7, 10), term('p2', 6, 12, false), { ...term('p3', 1, 13), election: 'e1' }], ok);
  assert.deepEqual(ok, []);
  const bad: string[] = [];
  checkTerms([term('p0', 5, 0), term('p1', 7, 10), term('p2', 6, 12)], bad);
  assert.equal(bad.length, 1);
  assert.match(bad[0]!, /^SE: p2 was elected in e0 with fence 6 at 12\.0, after p1's term with fence 7/);
});

test('key names: permits and election items are told apart from locks', () => {
  assert.equal(semaphoreOf('s2#0'), 's2');
  assert.equal(semaphoreOf('k2'), undefined);
  assert.equal(electionOf('election/e1'), 'e1');
  assert.equal(electionOf('s1#0'), undefined);
});
