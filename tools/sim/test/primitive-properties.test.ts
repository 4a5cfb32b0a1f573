import assert from 'node:assert/strict';
import { test } from 'node:test';
import { electionOf, semaphoreOf } from '../src/monitors.ts';
import { checkPermitWindows, checkTerms, checkWindows, type Term, type Window } from '../src/properties.ts';
import { skewExcuse } from '../src/skew-bound.ts';
import { SimProcess, World } from '../src/world.ts';

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

test('SN counts permits, not windows: two holders of one permit are for S2 to judge', () => {
  const sameKey = [w('s0#0', 'p0', 0, 100), { ...w('s0#0', 'p1', 90, 150), fence: 2 }];
  const found: string[] = [];
  checkPermitWindows(sameKey, 1, found);
  assert.deepEqual(found, []);
  // Released by the first window's end, the permit is still held by the second: a third permit is one too many.
  checkPermitWindows([...sameKey, w('s0#1', 'p2', 120, 130)], 1, found);
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^SN: 2 permits of s0 \(N = 1\) held validly at 120\.0 \(the last by p2 on s0#1\)/);
});

test('fast mode: an overlap is excused only while two wall clocks differ by more than maxSkewMs + 8 % of a lease', () => {
  // Seed 350024's scenario 8,276 (the long run, chunk 35): p0 drifts −4 %, p1 +4 %, both drawn at skew ~0.
  const world = new World(1);
  const p0 = new SimProcess(world, 0, 'p0', { skewMs: 0, drift: -0.04, seed: 1 });
  const p1 = new SimProcess(world, 1, 'p1', { skewMs: 2, drift: 0.04, seed: 2 });
  const fastMode = { maxSkewMs: 250, leaseMs: 1000 };
  const excused = skewExcuse([p0, p1], fastMode);
  // 0.08 × t + 2 > 330 from t = 4,100 ms of true time on.
  assert.equal(excused('p0', 'p1', 4_000), false);
  assert.equal(excused('p1', 'p0', 5_592.4), true);
  assert.equal(skewExcuse([p0, p1], undefined)('p0', 'p1', 5_592.4), false, 'the skew-free mode excuses nothing');
  const overlap = (start: number): Window[] => [
    { key: 's0#0', owner: 'p0', fence: 1, start: start - 1000, end: start + 0.1 },
    { key: 's0#0', owner: 'p1', fence: 2, start, end: start + 10 },
  ];
  const found: string[] = [];
  checkWindows(overlap(5_592.4), found, excused);
  assert.deepEqual(found, []);
  checkWindows(overlap(4_000), found, excused);
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^S2: p0 \(fence 1, valid 3000\.0–4000\.1\) and p1 \(fence 2/);
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
