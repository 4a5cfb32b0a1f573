import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

/**
 * The committed reports as pages, so the site's figures are the reports' own, never copies: the bench
 * report (`bench/results/latest.md`, its charts included) and every chaos report (`chaos/results/*.md`).
 * Relative links and images are rewritten to point at the committed files from docs/dist/generated/.
 *
 * @example
 * ```ts
 * for (const page of resultPages()) writeFileSync(`${page.name}.md`, page.markdown);
 * ```
 */
export function resultPages(): { name: string; markdown: string }[] {
  const pages = [page('bench-report', 'Benchmark report (latest run)', 'bench/results', 'latest.md')];
  for (const f of readdirSync(join(repoRoot, 'chaos', 'results')).sort()) {
    if (f.endsWith('.md'))
      pages.push(page(`chaos-${f.replace(/\.md$/, '')}`, `Chaos report: ${f.replace(/\.md$/, '')}`, 'chaos/results', f));
  }
  return pages;
}

function page(name: string, title: string, dir: string, file: string): { name: string; markdown: string } {
  const text = readFileSync(join(repoRoot, dir, file), 'utf8');
  // From docs/dist/generated/ back to the repo root, then into the report's folder.
  const body = text.replace(/(!?\[[^\]]*\]\()(?!https?:|#|\/)([^)\s]+)\)/g, (_m, head: string, target: string) => {
    return `${head}../../../${dir}/${target})`;
  });
  return { name, markdown: `---\ntitle: "${title}"\ngroup: Results\n---\n${body}` };
}
