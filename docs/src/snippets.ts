import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { guidesDir, repoRoot } from './paths.ts';

/**
 * One TypeScript snippet from the documentation. Markers ride on the fence's info string, after the
 * language: ```` ```ts context=lambda-handler run ````:
 * - `context=NAME[,NAME]`: the snippet is a fragment that needs names declared elsewhere; the check
 *   prepends `docs/snippet-context/NAME.ts` (declarations only, typed with the public packages).
 * - `run`: the snippet is a complete program; the check also runs it against dynalite.
 * A snippet without markers must compile on its own, imports included. Where the info string must stay
 * bare, the same markers go in a comment on one of the three lines above: `<!-- snippet: context=cdk -->`.
 */
export interface Snippet {
  /** Repo-relative path of the file it is in. */
  file: string;
  /** 1-based line of its first code line in that file. */
  line: number;
  code: string;
  contexts: string[];
  run: boolean;
  /** Where it came from: a markdown page or a TSDoc `@example` of a public symbol. */
  origin: 'markdown' | 'tsdoc';
}

const FENCE = /^([ \t]*)```(ts|typescript|mts)(?:[ \t]+([^\n]*))?\n([\s\S]*?)^\1```[ \t]*$/gm;

/** Parses a fence's markers. */
export function markers(info: string | undefined): { contexts: string[]; run: boolean } {
  const words = (info ?? '').trim().split(/\s+/).filter(Boolean);
  const contexts = words.filter((w) => w.startsWith('context=')).flatMap((w) => w.slice('context='.length).split(','));
  const unknown = words.filter((w) => !w.startsWith('context=') && w !== 'run');
  if (unknown.length > 0) throw new Error(`unknown snippet marker(s) ${unknown.join(' ')} (known: context=NAME, run)`);
  return { contexts, run: words.includes('run') };
}

/**
 * Every TypeScript fence of a markdown text.
 *
 * @example
 * ```ts
 * markdownSnippets('docs/guides/cron.md', readFileSync('docs/guides/cron.md', 'utf8'));
 * ```
 */
export function markdownSnippets(file: string, text: string): Snippet[] {
  const found: Snippet[] = [];
  for (const m of text.matchAll(FENCE)) {
    const indent = m[1] ?? '';
    const line = text.slice(0, m.index).split('\n').length + 1;
    const code = (m[4] ?? '')
      .split('\n')
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
      .join('\n');
    // Or in an HTML comment just above the fence (for blocks whose info string other tools read).
    const above = text.slice(0, m.index).split('\n').slice(-4).join('\n');
    const comment = /<!-- snippet: ([^>]*?) -->/.exec(above)?.[1];
    found.push({ file, line, code, ...markers([m[3], comment].filter(Boolean).join(' ')), origin: 'markdown' });
  }
  return found;
}

/**
 * The markdown files whose snippets are checked: the root README, each package's README, the pages in
 * docs/ and every guide (globbed, so guides other work adds are checked too).
 */
export function documentationFiles(): string[] {
  const files = ['README.md'];
  for (const dir of ['runtime', 'construct', 'cli', 'bench', 'chaos', 'examples', 'tools/local-dynamo', 'tools/lambda-runner']) {
    if (existsSync(join(repoRoot, dir, 'README.md'))) files.push(`${dir}/README.md`);
  }
  for (const f of readdirSync(join(repoRoot, 'docs'))) if (f.endsWith('.md')) files.push(`docs/${f}`);
  for (const f of readdirSync(guidesDir).sort()) if (f.endsWith('.md')) files.push(relative(repoRoot, join(guidesDir, f)));
  return files;
}

/** Every snippet of {@link documentationFiles}. */
export function allMarkdownSnippets(): Snippet[] {
  return documentationFiles().flatMap((f) => markdownSnippets(f, readFileSync(join(repoRoot, f), 'utf8')));
}
