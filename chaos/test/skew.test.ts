import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_TIMING } from '../src/ci-timing.js';
import { expectClean } from '../src/expect-clean.js';
import { runScenario } from '../src/scenario.js';

// Scenario 11: wall-clock skew and steps. The default takeover never reads wall clocks, so
// seconds of skew change nothing; fast mode holds within its bound; beyond it only the fence
// still protects (S1), and the lease may overlap — fast mode's documented behaviour.
const base = {
  workers: 4,
  keys: 2,
  durationMs: 6_000,
  faults: { latencyMs: 1, jitterMs: 3 },
  nemesis: { everyMs: 1_500, kill: true },
} as const;

test('default mode: ±5 s skew and wall-clock steps change nothing', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    ...base,
    name: 'skew-default',
    seed: 701,
    timing: CI_TIMING,
    skewMs: 5_000,
    wallStep: { everyMs: 700, stepMs: -3_000 },
  });
  expectClean(run);
});

test('fast mode within its skew bound: no overlap', { timeout: 90_000 }, async () => {
  const run = await runScenario({ ...base, name: 'skew-fast-within', seed: 702, timing: { ...CI_TIMING, maxSkewMs: 400 }, skewMs: 150 });
  expectClean(run);
});

test('fast mode beyond its skew bound: fenced writes still safe', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    ...base,
    name: 'skew-fast-beyond',
    seed: 703,
    timing: { ...CI_TIMING, maxSkewMs: 50 },
    skewMs: 1_500,
    careless: true,
  });
  expectClean(run, ['S2-overlap', 'S2-lost-update', 'L2-spurious-loss']);
  assert.equal(run.result.stats.staleFencedAccepted, 0);
  console.log(`beyond the bound: ${run.result.violations.length} lease violations (allowed), 0 stale fenced writes accepted`);
});
