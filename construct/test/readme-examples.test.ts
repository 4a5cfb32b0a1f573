import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// construct/README.md's Python, Java and Go examples are the code the language apps run
// (npm run test:languages synthesizes them): each README block equals the app's lines between
// "README: <language>" and "end README", indentation removed.

const here = path.join(__dirname, 'languages');
const apps: Array<[language: string, file: string]> = [
  ['typescript', 'typescript/app.ts'],
  ['python', 'python/app.py'],
  ['java', 'java/src/main/java/io/github/ddblock/example/LockApp.java'],
  ['go', 'go/main.go'],
];

function dedent(lines: string[]): string {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines
    .map((l) => l.slice(indent))
    .join('\n')
    .trim();
}

function appSnippet(file: string, language: string): string {
  const lines = readFileSync(path.join(here, file), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.trim().endsWith(`README: ${language}`));
  const end = lines.findIndex((l, i) => i > start && l.trim().endsWith('end README'));
  if (start < 0 || end < 0) throw new Error(`${file} has no README: ${language} … end README block`);
  return dedent(lines.slice(start + 1, end));
}

function readmeSnippet(language: string): string {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const marker = `<!-- app: ${language} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at))!;
  return dedent(block[1].split('\n'));
}

test.each(apps)('the README %s example is the %s app', (language, file) => {
  expect(readmeSnippet(language)).toBe(appSnippet(file, language));
});
