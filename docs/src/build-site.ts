// `npm run docs`: builds the site offline into docs/dist/site. Steps: build the runtime (its public entry
// points resolve to lib/) and, when stale, the construct's jsii assembly; write the generated pages (CLI,
// construct per language, cost, bench and chaos reports); run TypeDoc (guides + API reference, validation
// warnings as errors); write llms.txt and llms-full.txt and the TSDoc examples for the snippet check.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureCapacity } from './capacity.ts';
import { cliReference } from './cli-reference.ts';
import { constructReference } from './construct-reference.ts';
import { costPage } from './cost-page.ts';
import { writeLlmsTexts } from './llms-text.ts';
import { generatedDir, repoRoot, siteDir } from './paths.ts';
import { resultPages } from './result-pages.ts';
import { runTypedoc } from './run-typedoc.ts';

const started = performance.now();
const step = (name: string) => console.log(`docs: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

execFileSync('npm', ['run', 'build', '-w', 'runtime', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
step('runtime built');
if (constructAssemblyStale()) {
  execFileSync('npm', ['run', 'build', '-w', 'construct', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  step('construct assembly built');
}

rmSync(generatedDir, { recursive: true, force: true });
mkdirSync(generatedDir, { recursive: true });
const write = (name: string, markdown: string) => writeFileSync(join(generatedDir, `${name}.md`), markdown);
write('cli-reference', cliReference());
for (const page of await constructReference()) write(page.name, page.markdown);
step('construct API per language');
write('cost', costPage(await measureCapacity()));
for (const page of resultPages()) write(page.name, page.markdown);
step('generated pages');

rmSync(siteDir, { recursive: true, force: true });
const pages = await runTypedoc();
step(`TypeDoc: ${pages} HTML pages`);
writeLlmsTexts();
step(`site in ${siteDir}`);

/** True when construct/.jsii is missing or older than a source file of the construct. */
function constructAssemblyStale(): boolean {
  const assembly = join(repoRoot, 'construct', '.jsii');
  if (!existsSync(assembly)) return true;
  const built = statSync(assembly).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
      ),
    );
  return newest(join(repoRoot, 'construct', 'src')) > built;
}
