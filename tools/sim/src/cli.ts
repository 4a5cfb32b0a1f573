// `npm run sim -w tools/sim -- --scenarios 1000000 [--seed 24] [--mutants] [--report file]`: the
// long mode. Runs the shipped client over that many generated scenarios (stopping at the first
// violation, which it shrinks and prints with its timeline and replay seed), optionally every
// mutant until caught, and writes a report: scenarios, simulated grants, virtual hours, wall time.
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { explore, timelineOf, variant } from './explore.ts';
import { MUTANTS } from './mutants.ts';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    mutants: { type: 'boolean', default: false },
    report: { type: 'string', default: 'sim-report.md' },
  },
});
const total = Number(values.scenarios);
const seed = Number(values.seed);
const lines = [
  `# ddb-lock simulator report`,
  '',
  `${new Date().toISOString()}, seed ${seed}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`,
  '',
];

const shipped = await variant('shipped');
// Chunks of 10,000 with seeds derived from the first: progress, and a bounded fast-check state.
let done = 0;
let grants = 0;
let virtualMs = 0;
let wallMs = 0;
const recreations = { increasing: 0, decreasing: 0 };
while (done < total) {
  const runs = Math.min(10_000, total - done);
  const chunkSeed = (seed + done) % 2 ** 31;
  const result = await explore(shipped, { runs, seed: chunkSeed, shrink: true });
  done += result.scenarios;
  grants += result.grants;
  virtualMs += result.virtualMs;
  wallMs += result.wallMs;
  recreations.increasing += result.recreations.increasing;
  recreations.decreasing += result.recreations.decreasing;
  process.stdout.write(`${done} scenarios, ${grants} grants, ${(wallMs / 1000).toFixed(0)} s\n`);
  if (result.failure) {
    const { scenario, violations, path } = result.failure;
    lines.push('## VIOLATION in the shipped client', '', `replay: seed ${chunkSeed}${path ? `, path ${path}` : ''}`, '');
    lines.push('```', ...violations, JSON.stringify(scenario), '', await timelineOf(shipped, scenario), '```', '');
    break;
  }
}
lines.push(
  '| scenarios | simulated grants | virtual hours | wall time | scenarios / s | fence recreations (larger / smaller, as predicted) |',
  '|---|---|---|---|---|---|',
  `| ${done} | ${grants} | ${(virtualMs / 3_600_000).toFixed(1)} | ${(wallMs / 1000).toFixed(0)} s | ` +
    `${(done / (wallMs / 1000)).toFixed(0)} | ${recreations.increasing} / ${recreations.decreasing} |`,
  '',
);

if (values.mutants) {
  lines.push('| mutant | caught | scenarios to catch | what it violated |', '|---|---|---|---|');
  for (const mutant of MUTANTS) {
    const result = await explore(await variant(mutant.id, mutant.edits), { runs: 5_000, seed, shrink: false });
    const first = result.failure?.violations[0]?.replace(/\|/g, '/').slice(0, 140) ?? '';
    lines.push(`| ${mutant.id} | ${result.failure ? 'yes' : '**no**'} | ${result.scenarios} | ${first} |`);
    process.stdout.write(`${mutant.id}: ${result.failure ? `caught after ${result.scenarios}` : 'NOT caught'}\n`);
  }
}
writeFileSync(values.report, `${lines.join('\n')}\n`);
process.stdout.write(`report: ${values.report}\n`);
