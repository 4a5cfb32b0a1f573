// The bench report's freshness check. Rule: the committed report (bench/results/latest.json) records the
// fingerprint of the runtime code it measured (bench/src/report/runtime-fingerprint.ts: the SHA-256 of the
// runtime's root entry point bundled and minified, so comments and formatting do not count); the check
// recomputes it from runtime/src and fails when they differ, or when the report is a quick (smoke) run. Any
// change to the code the acquire/heartbeat/release path runs therefore needs `npm run bench` (about 8–10 min on a
// quiet machine) and the new report committed. (check-readme-figures.ts checks the README's figures against it.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeFingerprint } from '../../bench/src/report/runtime-fingerprint.ts';
import { repoRoot } from './paths.ts';

const problems: string[] = [];
const report = JSON.parse(readFileSync(join(repoRoot, 'bench', 'results', 'latest.json'), 'utf8')) as {
  startedAt: string;
  quick: boolean;
  runtime?: { fingerprint: string; commit: string };
};
const now = await runtimeFingerprint();
if (report.quick) problems.push('bench/results/latest.json is a quick (smoke) run: commit a full run');
if (!report.runtime) {
  problems.push(
    `bench/results/latest.json (run ${report.startedAt}) records no runtime fingerprint: it predates the rule; run npm run bench`,
  );
} else if (report.runtime.fingerprint !== now.fingerprint) {
  let changes = '';
  try {
    changes = execFileSync('git', ['log', '--oneline', `${report.runtime.commit}..HEAD`, '--', 'runtime/src'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
  } catch {
    changes = '(the recorded commit is not in this history)\n';
  }
  problems.push(
    `the bench report measured other runtime code (commit ${report.runtime.commit.slice(0, 7)}, ` +
      `${report.runtime.fingerprint.slice(0, 19)}…; ` +
      `now ${now.fingerprint.slice(0, 19)}…): run npm run bench and commit bench/results. Commits to runtime/src since:\n${changes}`,
  );
}

for (const p of problems) console.error(`✗ ${p}`);
console.log(`bench freshness: report of ${report.startedAt}, runtime ${now.fingerprint.slice(0, 19)}…, ${problems.length} problems`);
if (problems.length > 0) process.exitCode = 1;
