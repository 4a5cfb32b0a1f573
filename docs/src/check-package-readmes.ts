// The doorway check: the root README and each published package's README stay under 150 lines (the details
// live in the guides), the runtime's README names every public entry point (from the one list that makes the
// package's `exports`), and the CLI's README every command of the program the `ddb-lock` bin runs. So a new
// subpath or command cannot ship without its line in the package's front page. (The construct's install names
// and grant table are checked by its own test, construct/test/readme-doorway.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../cli/src/program.ts';
import { runtimeEntryPoints } from './entry-points.ts';
import { repoRoot } from './paths.ts';

const MAX_LINES = 150;
const problems: string[] = [];
const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

for (const file of ['README.md', 'runtime/README.md', 'construct/README.md', 'cli/README.md']) {
  const lines = read(file).trimEnd().split('\n').length;
  if (lines >= MAX_LINES) problems.push(`${file}: ${lines} lines, a doorway has fewer than ${MAX_LINES} (move details to a guide)`);
  console.log(`${file}: ${lines} lines`);
}

const runtime = read('runtime/README.md');
for (const { specifier } of runtimeEntryPoints()) {
  if (!runtime.includes(`\`${specifier}\``)) problems.push(`runtime/README.md does not name the entry point \`${specifier}\``);
}

const cli = read('cli/README.md');
for (const command of buildProgram().program.commands.map((c) => c.name())) {
  if (!new RegExp(`ddb-lock ${command}\\b`).test(cli)) problems.push(`cli/README.md shows no \`ddb-lock ${command}\``);
}

for (const p of problems) console.error(`✗ ${p}`);
console.log(`package READMEs: ${problems.length} problems`);
if (problems.length > 0) process.exitCode = 1;
