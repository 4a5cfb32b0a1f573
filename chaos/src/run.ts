/**
 * Long mode (not CI):
 * `npm run chaos -- --grants 100000 [--seed 7] [--workers 28] [--keys 16] [--max-minutes 60] [--scenario short-callers|election]`.
 * Runs the mixed scenario (or the L4 short-callers one) until that many grants, writes the report
 * to chaos/results/ and prints the seed and the history around each violation. Exits 1 on any violation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { electionScenario } from './election-scenario.js';
import { describeFailure } from './excerpt.js';
import { mixedScenario } from './mixed.js';
import { formatReport } from './report.js';
import { runScenario } from './scenario.js';
import { shortCallersScenario } from './short-callers-scenario.js';

const { values } = parseArgs({
  options: {
    grants: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    workers: { type: 'string', default: '28' },
    keys: { type: 'string', default: '16' },
    'max-minutes': { type: 'string', default: '60' },
    scenario: { type: 'string', default: 'mixed' },
  },
});
if (!['mixed', 'short-callers', 'election', 'semaphore'].includes(values.scenario))
  throw new Error(`--scenario mixed | short-callers | election | semaphore, not ${values.scenario}`);
const grants = Number(values.grants);
const maxMs = Number(values['max-minutes']) * 60_000;
const scenario = {
  ...(values.scenario === 'short-callers'
    ? { ...shortCallersScenario(Number(values.seed), maxMs, Number(values.workers), Number(values.keys)), grants, maxMs }
    : {
        ...(values.scenario === 'election' ? electionScenario : mixedScenario)(
          Number(values.seed),
          grants,
          Number(values.workers),
          Number(values.keys),
          maxMs,
        ),
        // The mixed faults, kills and pauses on one semaphore whose permits are the keys.
        ...(values.scenario === 'semaphore' && { name: 'semaphore', semaphore: true }),
      }),
  // A progress line now and then, so a long run in the background can be followed in its log.
  progress: (n: number, ms: number) =>
    console.log(`progress: ${n} grants in ${(ms / 1000).toFixed(0)} s (${(n / (ms / 1000)).toFixed(1)} grants/s)`),
};
const command = [
  `npm run chaos -- --grants ${grants} --seed ${values.seed} --workers ${values.workers} --keys ${values.keys}`,
  `--max-minutes ${values['max-minutes']}`,
  ...(values.scenario === 'mixed' ? [] : [`--scenario ${values.scenario}`]),
].join(' ');
console.log(`chaos: ${command}`);
const run = await runScenario(scenario);
console.log(
  `run finished after ${(run.elapsedMs / 1000).toFixed(0)} s; ` +
    `checked ${run.record.history.length} events and ${run.record.applied.length} applied writes`,
);
const report = formatReport(run, command);
const dir = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(dir, { recursive: true });
const file = `${dir}${values.scenario}-${grants}-seed${values.seed}.md`;
writeFileSync(
  file,
  run.result.violations.length > 0 ? `${report}\n## Violations\n\n\`\`\`\n${describeFailure(run, 20)}\n\`\`\`\n` : report,
);
console.log(report);
if (run.result.violations.length > 0) {
  console.log(describeFailure(run));
  process.exitCode = 1;
}
console.log(`report: ${file}`);
