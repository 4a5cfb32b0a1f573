// The long mode, as a session runs it (under the shared heavy lock; npm runs it in tools/sim, so
// the paths are tools/sim/results/…, committed):
//   flock /tmp/ddb-heavy.lock npm run sim -w tools/sim -- --scenarios 1000000 --seed 24 --workers 2 \
//     --ledger results/long-run.json --report results/long-run.md --max-minutes 40 [--chunk N] [--mutants]
// Runs the shipped client over generated scenarios in chunks (10,000 by default; chunk i draws
// from seed (seed + i × chunk) mod 2³¹, so its scenarios do not depend on who runs it), on
// `--workers` forked processes (one simulator per process: its environments are process globals).
// With `--ledger`, every finished chunk is written to that file at once (atomic rename) with the
// code it ran (the bench's runtime fingerprint, and a hash of all the simulator bundles), so a
// million scenarios can span sessions: a rerun with the same seed, chunk size and ledger skips the
// chunks done on the same code and goes on, and a session killed mid-run loses only the chunks in
// flight. `--max-minutes` starts no chunk after that many minutes (those in flight finish, about
// 100 s each). The first violation stops everything; its chunk is recorded with the replay seed,
// the shrunk scenario and its timeline, and the exit code is 1. The report (`--report`) is
// generated from the ledger after each chunk: totals on the current code against the target,
// each session, violations, and apart the chunks run on older code. `--mutants` then runs every
// mutant until caught and appends their table. Without `--ledger`, one invocation's chunks only.
// `--seed S --path P` replays one reported failure exactly (the shrunk scenario and its timeline).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { codeIdentity } from './code-identity.ts';
import { explore, timelineOf, variant } from './explore.ts';
import { chunkTasks, isDone, type Ledger, type LongRunTarget, readLedger, recordChunk, writeLedger } from './long-run-ledger.ts';
import { forkRunner, runChunks } from './long-run-pool.ts';
import { renderReport } from './long-run-report.ts';
import { MUTANTS } from './mutants.ts';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    chunk: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '1' },
    ledger: { type: 'string' },
    report: { type: 'string', default: 'sim-report.md' },
    'max-minutes': { type: 'string' },
    mutants: { type: 'boolean', default: false },
    path: { type: 'string' },
  },
});
if (values.path !== undefined) {
  // A failure's exact replay: its seed and fast-check path give the shrunk scenario, run once more with its timeline.
  const runtimes = await variant('shipped');
  const found = await explore(runtimes, { runs: whole('scenarios', 1), seed: whole('seed', 0), shrink: true, path: values.path });
  const scenario = found.failure?.scenario;
  process.stdout.write(scenario ? `${JSON.stringify(scenario)}\n${await timelineOf(runtimes, scenario)}\n` : 'no violation on that path\n');
  process.exit(scenario ? 1 : 0);
}
const target: LongRunTarget = { scenarios: whole('scenarios', 1), seed: whole('seed', 0), chunk: whole('chunk', 1) };
const workers = whole('workers', 1);
const maxMinutes = values['max-minutes'] === undefined ? Number.POSITIVE_INFINITY : Number(values['max-minutes']);
if (!(maxMinutes >= 0)) throw new Error(`--max-minutes must be a number of minutes, not ${values['max-minutes']}`);
const session = new Date().toISOString();
const deadline = Date.now() + maxMinutes * 60_000;

const code = await codeIdentity();
let ledger: Ledger = { ...(values.ledger ? readLedger(values.ledger) : { version: 1, chunks: [] }), target };
const tasks = chunkTasks(target);
const pending = tasks.filter((task) => !isDone(ledger, task, code));
mkdirSync(dirname(values.report), { recursive: true });
const report = () => writeFileSync(values.report, renderReport(ledger, code, values.ledger ?? '(no ledger: this invocation only)'));
process.stdout.write(
  `runtime ${code.runtime.slice(7, 19)}: ${tasks.length - pending.length} of ${tasks.length} chunks already done, ` +
    `${pending.length} to run on ${Math.min(workers, pending.length)} worker(s)\n`,
);

let ran = 0;
const stop = await runChunks(
  pending,
  Array.from({ length: Math.min(workers, pending.length) }, forkRunner),
  () => Date.now() < deadline,
  (result) => {
    const date = new Date().toISOString();
    const load = loadavg().map((l) => Number(l.toFixed(2)));
    ledger = recordChunk(ledger, { ...result, firstSeed: target.seed, chunk: target.chunk, code, session, workers, date, loadavg: load });
    if (values.ledger) writeLedger(values.ledger, ledger);
    report();
    ran += result.scenarios;
    process.stdout.write(
      `chunk ${result.index} (seed ${result.seed}): ${result.scenarios} scenarios, ${result.grants} grants, ` +
        `${(result.wallMs / 1000).toFixed(0)} s${result.violation ? ', VIOLATION' : ''}; ${ran} scenarios this session\n`,
    );
  },
);
report();
if (stop === 'time') process.stdout.write(`stopped: --max-minutes ${maxMinutes} reached; rerun with the same ledger to go on\n`);
if (stop === 'violation') process.stdout.write(`stopped: VIOLATION, see ${values.report}\n`);

if (values.mutants) {
  const lines = ['', '## Mutants', '', '| mutant | caught | scenarios to catch | what it violated |', '|---|---|---|---|'];
  for (const mutant of MUTANTS) {
    const result = await explore(await variant(mutant.id, mutant.edits), { runs: 5_000, seed: target.seed, shrink: false });
    const first = result.failure?.violations[0]?.replace(/\|/g, '/').slice(0, 140) ?? '';
    lines.push(`| ${mutant.id} | ${result.failure ? 'yes' : '**no**'} | ${result.scenarios} | ${first} |`);
    process.stdout.write(`${mutant.id}: ${result.failure ? `caught after ${result.scenarios}` : 'NOT caught'}\n`);
  }
  appendFileSync(values.report, `${lines.join('\n')}\n`);
}
process.stdout.write(`report: ${values.report}\n`);
process.exitCode = stop === 'violation' ? 1 : 0;

/** A whole-number option, at least `min`. */
function whole(name: 'scenarios' | 'seed' | 'chunk' | 'workers', min: number): number {
  const value = Number(values[name]);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not ${values[name]}`);
  return value;
}
