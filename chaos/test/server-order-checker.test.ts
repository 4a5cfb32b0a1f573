import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLockWrites } from '../src/checker/fencing.js';
import { checkHandoffs } from '../src/checker/handoffs.js';
import { CI_TIMING } from '../src/ci-timing.js';
import { type AppliedWrite, inServerOrder } from '../src/dynamo-wire.js';
import type { HistoryEvent } from '../src/history.js';
import { lockWrite } from './support/lock-write.js';

// The false S1 and L1 of a CI run on moto (contended, seed 101): the server applied w1's release
// and then w2's acquire, but w2's answer reached the proxy 0.1 ms before w1's. Read in arrival
// order, the release looked stale and the grant looked like an early takeover.
const write = (t: number, serverSeq: number | undefined, worker: number, kind: AppliedWrite['kind'], fence: number) =>
  lockWrite(t, worker, kind, fence, {
    ...(kind !== 'release' && { rvn: `v${fence}-${t}` }),
    ...(serverSeq !== undefined && { serverSeq }),
  });

/** In arrival order, as the proxy pushed them. */
function arrivals(stamped: boolean, releaseSeq = 5): AppliedWrite[] {
  const seq = (n: number) => (stamped ? n : undefined);
  return [write(0, seq(1), 1, 'acquire', 1), write(17.1, seq(6), 2, 'acquire', 2), write(17.2, seq(releaseSeq), 1, 'release', 1)];
}

// w2 started waiting before w1's release and heard its grant after both answers.
const history = [
  { ev: 'acquire-start', key: 'k0', t: 10, w: 2 },
  { ev: 'grant', key: 'k0', fence: 2, validUntil: 917.5, t: 17.5, w: 2 },
] as HistoryEvent[];

const properties = (applied: AppliedWrite[]) => [
  ...checkLockWrites(applied).map((v) => v.property),
  ...checkHandoffs({ history, applied, faults: [], params: CI_TIMING }).violations.map((v) => v.property),
];

test("in the server's order (moto stamps it) a release answered after its successor's grant is no stale write", () => {
  assert.deepEqual(properties(inServerOrder(arrivals(true))), []);
});

test('without the server’s order the same arrivals read as a stale release and an early takeover (what dynalite shows)', () => {
  assert.deepEqual(properties(inServerOrder(arrivals(false))).sort(), ['L1-early-takeover', 'S1-stale-protocol-write']);
});

test('a release the server applied after the successor’s grant is still a stale protocol write', () => {
  assert.deepEqual(properties(inServerOrder(arrivals(true, 7))).sort(), ['L1-early-takeover', 'S1-stale-protocol-write']);
});
