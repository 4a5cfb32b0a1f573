import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkExits } from '../src/checker/exits.js';
import { CI_TIMING } from '../src/ci-timing.js';
import type { HistoryEvent } from '../src/history.js';
import { runScenario } from '../src/scenario.js';

// T1, timers left running: every scenario asserts that each worker it stopped closed its client
// with no ref'd timer pending and exited on its own (expectClean). This proves the check can
// fail: one worker leaves an interval running on purpose and must be flagged, the other not.
test('a worker that leaves a timer running past close is flagged (T1)', { timeout: 90_000 }, async () => {
  const run = await runScenario({
    name: 'timers',
    seed: 1101,
    workers: 2,
    keys: 1,
    durationMs: 3_000,
    timing: CI_TIMING,
    faults: { latencyMs: 1, jitterMs: 3 },
    leakTimerWorkers: [0],
  });
  const t1 = run.result.violations.filter((v) => v.property.startsWith('T1-'));
  assert.deepEqual(t1.map((v) => `${v.property} ${v.key}`).sort(), ['T1-no-clean-exit w0', 'T1-timers-left-running w0']);
  assert.match(t1.find((v) => v.property === 'T1-timers-left-running')!.message, /1 timer\(s\)/);
  assert.equal(run.result.stats.workersStopped, 2);
  assert.equal(run.result.stats.workersExitedClean, 1);
  assert.equal(run.result.violations.length, t1.length, run.result.violations.map((v) => v.message).join('\n'));
});

test('T1 checker: killed workers are exempt; a worker that never closed or exited is flagged', () => {
  const ev = (w: number, t: number, e: object) => ({ ...e, t, w }) as HistoryEvent;
  const history: HistoryEvent[] = [
    ev(-1, 0, { ev: 'spawn', target: 0 }),
    ev(-1, 0, { ev: 'spawn', target: 1 }),
    ev(-1, 0, { ev: 'spawn', target: 2 }),
    ev(-1, 0, { ev: 'spawn', target: 3 }),
    ev(-1, 5, { ev: 'kill', target: 1 }),
    ev(0, 10, { ev: 'stop', grants: 3 }),
    ev(0, 11, { ev: 'closed', timers: 0, resources: [] }),
    ev(0, 12, { ev: 'exit', natural: true }),
    ev(2, 10, { ev: 'stop', grants: 3 }),
    ev(3, 10, { ev: 'stop', grants: 3 }),
    ev(3, 11, { ev: 'closed', timers: 0, resources: ['TCPSocketWrap'] }),
    ev(3, 1_011, { ev: 'exit', natural: false, resources: ['TCPSocketWrap'] }),
  ];
  const out = checkExits({ history, applied: [], faults: [], params: CI_TIMING });
  assert.deepEqual(
    out.violations.map((v) => `${v.property} ${v.key}`),
    ['T1-no-clean-exit w2', 'T1-no-clean-exit w3'],
  );
  assert.match(out.violations[1]!.message, /TCPSocketWrap/);
  assert.equal(out.stopped, 3);
  assert.equal(out.clean, 1);
});
