// The README's comparison table quotes the committed bench report: every figure in the rows under the
// `<!-- bench-table` marker must appear in bench/results/latest.md, so the README cannot keep a number the
// report does not have (the README's previous table had drifted from the report it cited).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

const problems: string[] = [];
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const latest = readFileSync(join(repoRoot, 'bench', 'results', 'latest.md'), 'utf8');
const at = readme.indexOf('<!-- bench-table');
if (at < 0) problems.push('README.md has no <!-- bench-table --> marker above its comparison table');
else {
  const rows = readme
    .slice(at)
    .split('\n')
    .slice(1)
    .filter((l, i, all) => l.startsWith('|') && all.slice(0, i).every((p) => p.startsWith('|')));
  let figures = 0;
  for (const row of rows.slice(2)) {
    for (const n of row.match(/\d+(?:\.\d+)?/g) ?? []) {
      figures += 1;
      if (!new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d.])`).test(latest))
        problems.push(`README comparison table: ${n} is not in bench/results/latest.md (row: ${row.slice(0, 60)}…)`);
    }
  }
  console.log(`README figures: ${figures} figures of the comparison table found in bench/results/latest.md, ${problems.length} missing`);
}
for (const p of problems) console.error(`✗ ${p}`);
if (problems.length > 0) process.exitCode = 1;
