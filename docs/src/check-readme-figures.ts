// Figures quoted from the committed bench report must be in it: the README's comparison table (the rows under
// the `<!-- bench-table` marker) and the benchmarks guide's quoted block (from `<!-- bench-figures` to
// `<!-- /bench-figures -->`, a table and prose). Every number there must appear in bench/results/latest.md, so
// no page keeps a number the report does not have (the README's table and the guide had both drifted from the
// report they cited). With check-bench-freshness.ts, a quoted figure is one of the code on main.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

const problems: string[] = [];
const latest = readFileSync(join(repoRoot, 'bench', 'results', 'latest.md'), 'utf8');

/** Checks every number in `lines` against the report; returns how many it checked. */
function checkFigures(file: string, lines: readonly string[]): number {
  let figures = 0;
  for (const line of lines) {
    // Inline code (option names, commands) and link targets are not figures.
    const text = line.replace(/`[^`]*`/g, '').replace(/\]\([^)]*\)/g, ']');
    for (const n of text.match(/\d+(?:\.\d+)?/g) ?? []) {
      figures += 1;
      if (!new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d.])`).test(latest))
        problems.push(`${file}: ${n} is not in bench/results/latest.md (line: ${line.slice(0, 60)}…)`);
    }
  }
  return figures;
}

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const at = readme.indexOf('<!-- bench-table');
let readmeFigures = 0;
if (at < 0) problems.push('README.md has no <!-- bench-table --> marker above its comparison table');
else {
  const rows = readme
    .slice(at)
    .split('\n')
    .slice(1)
    .filter((l, i, all) => l.startsWith('|') && all.slice(0, i).every((p) => p.startsWith('|')));
  readmeFigures = checkFigures('README.md comparison table', rows.slice(2)); // past the header and its rule
}

const guideFile = 'docs/guides/benchmarks.md';
const guide = readFileSync(join(repoRoot, guideFile), 'utf8');
const from = guide.indexOf('<!-- bench-figures');
const to = guide.indexOf('<!-- /bench-figures -->');
let guideFigures = 0;
if (from < 0 || to < from) problems.push(`${guideFile} has no <!-- bench-figures --> … <!-- /bench-figures --> block`);
else {
  const lines = guide.slice(from, to).split('\n').slice(1);
  // The table's header row names settings (lease 2 s, every 200 ms), not results.
  guideFigures = checkFigures(
    guideFile,
    lines.filter((l, i) => !(i === 0 && l.startsWith('|'))),
  );
}

console.log(
  `bench figures: ${readmeFigures} in the README's comparison table and ${guideFigures} in ${guideFile}, ` +
    `checked against bench/results/latest.md, ${problems.length} missing`,
);
for (const p of problems) console.error(`✗ ${p}`);
if (problems.length > 0) process.exitCode = 1;
