import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CodeIdentity } from '../src/code-identity.ts';
import { variant } from '../src/explore.ts';
import { type ChunkEntry, type ChunkResult, chunkTasks, isDone, type Ledger, readLedger, recordChunk } from '../src/long-run-ledger.ts';
import { type ChunkRunner, forkRunner, runChunks } from '../src/long-run-pool.ts';
import { renderReport } from '../src/long-run-report.ts';
import { runChunk } from '../src/long-run-worker.ts';
import { MUTANTS } from '../src/mutants.ts';
import { bundleDir } from '../src/runtime-bundle.ts';

// The long mode's bookkeeping (issue 24: a million scenarios over several sessions): which chunks
// a rerun skips, what counts towards the current code, when it stops; and that a chunk's result
// does not depend on the process that ran it. Tiny chunks: the whole file runs in a few seconds.
const CODE_A: CodeIdentity = { runtime: 'sha256:aaaa', simulated: 'sha256:a1a1', sim: 'sha256:5151', commit: 'c0ffee' };
const CODE_B: CodeIdentity = { ...CODE_A, runtime: 'sha256:bbbb', commit: 'beef' };
const TARGET = { scenarios: 50, seed: 24, chunk: 10 };

function entry(index: number, code: CodeIdentity, over: Partial<ChunkEntry> = {}): ChunkEntry {
  const seed = TARGET.seed + index * TARGET.chunk;
  const recreations = { increasing: 1, decreasing: 0 };
  const session = '2026-12-07T10:00:00.000Z';
  const base = {
    index,
    seed,
    scenarios: 10,
    grants: 40,
    virtualMs: 3_600_000,
    wallMs: 100,
    recreations,
    outsideSkewBound: 2,
    firstSeed: 24,
    chunk: 10,
  };
  return { ...base, code, session, workers: 2, date: '2026-12-07T10:01:00.000Z', loadavg: [2, 2, 2], ...over };
}

test("chunk seeds are the long mode's: chunk i draws from (seed + i × chunk) mod 2³¹", () => {
  assert.deepEqual(
    chunkTasks({ scenarios: 25_000, seed: 2 ** 31 - 5_000, chunk: 10_000 }).map((t) => [t.index, t.seed, t.runs]),
    [
      [0, 2 ** 31 - 5_000, 10_000],
      [1, 5_000, 10_000],
      [2, 15_000, 5_000],
    ],
  );
});

test('a rerun skips the chunks done on the same code, and runs again a short or violating one', () => {
  let ledger: Ledger = { version: 1, chunks: [] };
  ledger = recordChunk(ledger, entry(0, CODE_A));
  ledger = recordChunk(ledger, entry(1, CODE_A));
  ledger = recordChunk(ledger, entry(2, CODE_A, { scenarios: 5 }));
  const violation = { violations: ['S2: overlap'], seed: 54, scenario: '{}', timeline: '' };
  ledger = recordChunk(ledger, entry(3, CODE_A, { scenarios: 7, violation }));
  const pending = chunkTasks(TARGET).filter((t) => !isDone(ledger, t, CODE_A));
  assert.deepEqual(
    pending.map((t) => t.index),
    [2, 3, 4],
  );
  // Running chunk 3 again replaces its violation: one entry per seed and code, never counted twice.
  ledger = recordChunk(ledger, entry(3, CODE_A));
  assert.equal(ledger.chunks.filter((c) => c.index === 3).length, 1);
  assert.ok(isDone(ledger, chunkTasks(TARGET)[3]!, CODE_A));
});

test('chunks of a changed runtime do not count towards the current total; the report shows them apart', () => {
  let ledger: Ledger = { version: 1, target: TARGET, chunks: [] };
  for (const i of [0, 1, 2]) ledger = recordChunk(ledger, entry(i, CODE_A));
  ledger = recordChunk(ledger, entry(0, CODE_B, { session: '2026-12-08T09:00:00.000Z', date: '2026-12-08T09:00:30.000Z' }));
  assert.equal(chunkTasks(TARGET).filter((t) => !isDone(ledger, t, CODE_B)).length, 4);
  // Both records of seed 24 stay: the old one is history, not overwritten by the new code's.
  assert.equal(ledger.chunks.length, 4);
  const report = renderReport(ledger, CODE_B, 'long-run.json');
  assert.match(
    report,
    /\*\*Below target: 10 of 50 scenarios \(20\.0 %, 1 of 5 chunks\) have run on the current code; 4 chunks to go\.\*\*/,
  );
  const [current, older] = report.split('## Older code');
  assert.match(current!, /\| 10 \| 40 \| 1\.0 \| 30 s \| 0 s \| 0 \| 1 \/ 0 \| 2 \| 1 \| 2026-12-08 \|/);
  assert.match(older!, /Runtime `aaaa`.*commits c0ffee/);
  assert.match(older!, /\| 30 \| 120 \| 3\.0 \| 60 s \|.*\| 3 \/ 0 \| 6 \|/);
  assert.match(renderReport(ledger, CODE_A, 'long-run.json'), /Below target: 30 of 50/);
});

/** Runners whose chunks take `ms` on a fake clock (advanced when a chunk ends). */
function fakeRunners(count: number, clock: { now: number }, ms: number, violationAt = -1): ChunkRunner[] {
  return Array.from({ length: count }, () => ({
    run: async (task) => {
      const start = clock.now;
      await new Promise((resolve) => setTimeout(resolve, 1));
      clock.now = Math.max(clock.now, start + ms);
      const violation = task.index === violationAt ? { violations: ['x'], seed: task.seed, scenario: '{}', timeline: '' } : undefined;
      const result: ChunkResult = { ...entry(task.index, CODE_A), ...(violation && { violation }) };
      return result;
    },
    close: () => undefined,
  }));
}

test('--max-minutes starts no chunk after the deadline, and the chunks in flight finish and are recorded', async () => {
  const tasks = chunkTasks(TARGET);
  const serial = { now: 0 };
  const done: number[] = [];
  // Chunks take 10 minutes; the budget is 25: chunk 2 starts at 20 and finishes at 30, then stop.
  const stop = await runChunks(
    tasks,
    fakeRunners(1, serial, 10),
    () => serial.now < 25,
    (r) => done.push(r.index),
  );
  assert.equal(stop, 'time');
  assert.deepEqual(done, [0, 1, 2]);
  const parallel = { now: 0 };
  const both: number[] = [];
  await runChunks(
    tasks,
    fakeRunners(2, parallel, 10),
    () => parallel.now < 5,
    (r) => both.push(r.index),
  );
  assert.deepEqual(both.sort(), [0, 1]);
});

test('a violation stops everything: no chunk starts after it', async () => {
  const done: number[] = [];
  const stop = await runChunks(
    chunkTasks(TARGET),
    fakeRunners(1, { now: 0 }, 1, 1),
    () => true,
    (r) => done.push(r.index),
  );
  assert.equal(stop, 'violation');
  assert.deepEqual(done, [0, 1]);
});

test('two forked workers give the same per-chunk results as one process running the chunks in order', async () => {
  const tasks = chunkTasks({ scenarios: 30, seed: 7, chunk: 10 });
  const runtimes = await variant('long-run-test');
  const serial: ChunkResult[] = [];
  for (const task of tasks) serial.push(await runChunk(runtimes, task));
  const parallel: ChunkResult[] = [];
  await runChunks(
    tasks,
    [forkRunner(), forkRunner()],
    () => true,
    (r) => parallel.push(r),
  );
  const same = (r: ChunkResult) => [r.index, r.seed, r.scenarios, r.grants, r.virtualMs, r.recreations, r.violation];
  assert.deepEqual(parallel.sort((a, b) => a.index - b.index).map(same), serial.map(same));
  assert.ok(serial.every((r) => r.scenarios === 10 && r.grants > 0));
});

test('a violating chunk is recorded with its replay seed, the shrunk scenario and its timeline', async () => {
  const mutant = MUTANTS.find((m) => m.id === 'ttl-in-milliseconds')!;
  const result = await runChunk(await variant('long-run-test-mutant', mutant.edits), { index: 0, seed: 24, runs: 10 });
  assert.ok(result.violation, 'the TTL mutant is caught in the first scenarios');
  const ledger = recordChunk({ version: 1, target: TARGET, chunks: [] }, { ...entry(0, CODE_A), ...result });
  const report = renderReport(ledger, CODE_A, 'long-run.json');
  assert.match(report, /1 chunk\(s\) found a VIOLATION/);
  assert.match(report, /replay: seed 24, path [\d:]+ \(`npm run sim -w tools\/sim -- --seed 24 --scenarios \d+`/);
  assert.ok(report.includes(result.violation.scenario) && report.includes('TTL: '));
  assert.ok(result.violation.timeline.split('\n').length > 10, result.violation.timeline);
  assert.ok(!isDone(ledger, chunkTasks(TARGET)[0]!, CODE_A), 'a violating chunk runs again');
});

const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-long-run-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of ['long-run-test', 'long-run-test-mutant']) rmSync(bundleDir(name), { recursive: true, force: true });
});

test('the CLI records each chunk in the ledger and a rerun goes on where it stopped', () => {
  const ledger = join(dir, 'long-run.json');
  const report = join(dir, 'long-run.md');
  const cli = (scenarios: number) =>
    execFileSync(
      process.execPath,
      [fileURLToPath(new URL('../src/cli.ts', import.meta.url))].concat([
        '--scenarios',
        String(scenarios),
        '--chunk',
        '10',
        '--seed',
        '3',
        '--ledger',
        ledger,
        '--report',
        report,
      ]),
      { encoding: 'utf8' },
    );
  assert.match(cli(20), /0 of 2 chunks already done, 2 to run/);
  assert.match(readFileSync(report, 'utf8'), /Target reached: all 20 scenarios/);
  const again = cli(30);
  assert.match(again, /2 of 3 chunks already done, 1 to run/);
  assert.match(again, /chunk 2 \(seed 23\): 10 scenarios/);
  assert.deepEqual(
    readLedger(ledger).chunks.map((c) => [c.index, c.seed, c.scenarios]),
    [
      [0, 3, 10],
      [1, 13, 10],
      [2, 23, 10],
    ],
  );
  assert.match(readFileSync(report, 'utf8'), /Target reached: all 30 scenarios \(3 chunks\)/);
});
