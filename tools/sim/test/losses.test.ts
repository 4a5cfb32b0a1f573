import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLosses, type Loss } from '../src/losses.ts';
import type { SimNetworkClient } from '../src/network.ts';
import type { Scenario } from '../src/scenario.ts';

// L2 under faults: a loss must be explained by something of its own process's (the mutant
// release-without-owner-check shows the check catches a stolen lock; these pin the rule itself).

const scenario = {
  leaseMs: 1000,
  processes: [
    { skewMs: 0, drift: 0, jobs: [] },
    { skewMs: 0, drift: 0, jobs: [], pause: { atMs: 5000, forMs: 300 } },
  ],
} as unknown as Scenario;
const network = (troubles: { at: number; forMs: number; key: string }[] = [], releases: { key: string; from: number; to: number }[] = []) =>
  ({ troubles, releases }) as unknown as SimNetworkClient;
const loss = (over: Partial<Loss>): Loss => ({ owner: 'p0', key: 'k0', reason: 'expired', at: 3000, releasing: false, ...over });
const never = () => false;

test('L2: a loss with no fault, pause or slow answer of its own is spurious; other processes’ faults do not explain it', () => {
  const found: string[] = [];
  checkLosses([loss({})], scenario, [network(), network([{ at: 2900, forMs: 0, key: 'k0' }])], never, found);
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^L2: p0 lost k0 \(expired\) at 3000\.0 with no fault/);
});

test('L2: a fault on the key within two leases, a pause, a release on the wire or an excused skew explains it', () => {
  const found: string[] = [];
  const quiet = network();
  checkLosses([loss({})], scenario, [network([{ at: 1500, forMs: 0, key: 'k0' }]), quiet], never, found);
  checkLosses([loss({ key: 'a permit of s0' })], scenario, [network([{ at: 2000, forMs: 0, key: 's0#1' }]), quiet], never, found);
  checkLosses([loss({ owner: 'p1', at: 6000 })], scenario, [quiet, quiet], never, found);
  checkLosses([loss({})], scenario, [network([], [{ key: 'k0', from: 2900, to: 3100 }]), quiet], never, found);
  checkLosses([loss({ releasing: true })], scenario, [quiet, quiet], never, found);
  checkLosses([loss({ reason: 'stolen' })], scenario, [quiet, quiet], () => true, found);
  assert.deepEqual(found, []);
});

test('L2: faults too early, on another key, or a reason that is not a loss of a healthy hold are not counted', () => {
  const found: string[] = [];
  const quiet = network();
  checkLosses([loss({ reason: 'superseded' }), loss({ reason: 'closed' })], scenario, [quiet, quiet], never, found);
  assert.deepEqual(found, []);
  checkLosses(
    [loss({})],
    scenario,
    [
      network([
        { at: 900, forMs: 50, key: 'k0' },
        { at: 2900, forMs: 0, key: 'k1' },
      ]),
      quiet,
    ],
    never,
    found,
  );
  assert.equal(found.length, 1, 'a fault ending before the two leases, and one on k1, leave a loss of k0 unexplained');
});
