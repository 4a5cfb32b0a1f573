// The link check: crawls every HTML page of the built site and fails on an internal link, image or script whose
// target file is missing, or whose #anchor names no id (or name) in the target page. External links are not
// fetched (the build and the check are offline); they are counted.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { siteDir } from './paths.ts';

const pages = htmlFiles(siteDir);
if (pages.length === 0) throw new Error(`no HTML pages in ${siteDir}: run npm run site first`);
const ids = new Map<string, Set<string>>();
const anchorsOf = (file: string): Set<string> => {
  let found = ids.get(file);
  if (!found) {
    found = new Set([...readFileSync(file, 'utf8').matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => decodeHtml(m[1] ?? '')));
    ids.set(file, found);
  }
  return found;
};

const broken: string[] = [];
let internal = 0;
let external = 0;
for (const page of pages) {
  const html = readFileSync(page, 'utf8');
  for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const target = decodeHtml(m[2] ?? '');
    if (/^(https?:|mailto:|data:|javascript:)/.test(target)) {
      external += 1;
      continue;
    }
    internal += 1;
    const [pathPart = '', fragment] = target.split('#', 2);
    const file = pathPart === '' ? page : resolve(dirname(page), decodeURIComponent(pathPart.split('?')[0] ?? ''));
    const where = `${relative(siteDir, page)}: ${m[1]}="${target}"`;
    if (!file.startsWith(siteDir)) broken.push(`${where} leaves the site`);
    else if (!existsSync(file) || (statSync(file).isDirectory() && !existsSync(join(file, 'index.html'))))
      broken.push(`${where}: no such file`);
    else if (fragment && file.endsWith('.html') && !anchorsOf(file).has(decodeURIComponent(fragment)))
      broken.push(`${where}: no anchor #${fragment}`);
  }
}
for (const b of broken) console.error(`✗ ${b}`);
console.log(
  `links: ${pages.length} pages crawled, ${internal} internal links and images checked (${broken.length} broken), ` +
    `${external} external not fetched`,
);
if (broken.length > 0) process.exitCode = 1;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
  );
}

function decodeHtml(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
