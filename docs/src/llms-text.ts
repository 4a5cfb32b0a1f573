import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { generatedDir, guidesDir, repoRoot, siteDir } from './paths.ts';

/**
 * `llms.txt` (the llmstxt.org shape: a title, a summary, then sections of links with one line each) and
 * `llms-full.txt` (every page's markdown in one file), written into the site from the same markdown the
 * site renders: the README, the guides (globbed) and the generated reference pages.
 *
 * @example
 * ```ts
 * writeLlmsTexts(); // docs/dist/site/llms.txt, docs/dist/site/llms-full.txt
 * ```
 */
export function writeLlmsTexts(): void {
  const sources = [
    ...readdirSync(guidesDir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ section: 'Guides', path: join(guidesDir, f) })),
    ...readdirSync(generatedDir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ section: 'Reference', path: join(generatedDir, f) })),
  ];
  const pages = sources.map(({ section, path }) => {
    const text = readFileSync(path, 'utf8');
    // TypeDoc names a document by its front matter title, else by its path under the common folder.
    const fmTitle = /^---\n[\s\S]*?^title:\s*"?(.*?)"?\s*$[\s\S]*?\n---\n/m.exec(text)?.[1];
    const title = fmTitle ?? /^# (.*)$/m.exec(text)?.[1] ?? basename(path, '.md');
    const pageName = fmTitle ?? `${basename(dirname(path))}/${basename(path, '.md')}`;
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
    const summary = body
      .split('\n\n')
      .map((p) => p.trim())
      .find((p) => p && !p.startsWith('#') && !p.startsWith('|') && !p.startsWith('```'))
      ?.replace(/\s+/g, ' ')
      .slice(0, 200);
    const url = documentUrl(pageName);
    return { section, title, summary, url, body, path };
  });
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const intro = readme.split('\n\n')[1]?.replace(/\s+/g, ' ') ?? '';
  const index = ['# ddb-lock', '', `> ${intro}`, ''];
  for (const section of ['Guides', 'Reference']) {
    index.push(`## ${section}`, '');
    for (const p of pages.filter((x) => x.section === section)) index.push(`- [${p.title}](${p.url}): ${p.summary ?? ''}`);
    index.push('');
  }
  index.push('## API', '', '- [API reference of @ddb-lock/runtime](modules.html): every public entry point, generated from the TSDoc', '');
  writeFileSync(join(siteDir, 'llms.txt'), index.join('\n'));
  const full = [`# ddb-lock\n\n${readme}`, ...pages.map((p) => `\n\n<!-- ${relative(repoRoot, p.path)} -->\n\n${p.body}`)];
  writeFileSync(join(siteDir, 'llms-full.txt'), full.join(''));
}

/** The page TypeDoc wrote for a document of this title (its file name is the title with some characters replaced). */
function documentUrl(title: string): string {
  const norm = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const file = readdirSync(join(siteDir, 'documents')).find((f) => norm(f.replace(/\.html$/, '')) === norm(title));
  if (!file) throw new Error(`llms.txt: no page in the site for the document "${title}"`);
  return `documents/${file}`;
}
