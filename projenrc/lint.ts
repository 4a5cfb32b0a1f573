import { statSync } from 'node:fs';
import { JsonFile, type Project } from 'projen';

/**
 * What `npm run lint` checks (Biome and the line-length check), as paths from the repo root.
 *
 * Every source folder of the repo is on it; a new top-level folder is added here (or the list
 * replaced with ['.'] for the whole repo). Nothing else needs to change: biome.jsonc and the lint
 * script follow this list.
 */
export const lintedPaths = [
  'construct',
  'integ-tests',
  'chaos',
  'tools',
  'projenrc',
  '.projenrc.ts',
  'runtime',
  'examples',
  'cli',
  'bench',
  'docs',
];

/** Longest line the repo allows, in characters (the formatter's width and the line-length check's limit). */
export const maxLineLength = 140;

/**
 * Folders and files never linted wherever they sit (a name, or `*suffix`). Build output and caches
 * are skipped through `.gitignore` (`vcs.useIgnoreFile`); these are committed but written by tools
 * (integ-runner snapshots, benchmark and chaos reports, npm's lock file). Markdown is prose: Biome
 * would pad every table to its widest cell, which is noise, not style.
 */
const notLinted = ['*.snapshot', 'results', 'package-lock.json', '*.md'];

/**
 * Biome: formatter, linter and import sorting in one pinned binary, configured here.
 *
 * `npm run lint` checks without writing (Biome in CI mode, then the line-length check, since the
 * formatter cannot wrap a long string or comment); `npm run lint:fix` writes the formatting and
 * the safe fixes. The files projen generates are left out: projen writes them, not us, and
 * reformatting them would fight the next `npm run projen`.
 */
export function configureLint(project: Project): void {
  // Biome matches a folder's files with `folder/**`, a file by its path.
  const includes = lintedPaths.map((path) => (path === '.' ? '**' : statSync(path).isDirectory() ? `${path}/**` : path));
  // .jsonc: projen then writes its "generated" marker as a comment; Biome refuses unknown keys such as "//".
  new JsonFile(project, 'biome.jsonc', {
    obj: {
      $schema: './node_modules/@biomejs/biome/configuration_schema.json',
      vcs: { enabled: true, clientKind: 'git', useIgnoreFile: true },
      files: {
        // A function: projen resolves it at synth time, when every generated file is registered.
        includes: () => [...includes, ...notLinted.map((name) => `!**/${name}`), ...project.files.map((file) => `!${file.path}`)],
      },
      formatter: {
        enabled: true,
        indentStyle: 'space',
        indentWidth: 2,
        lineEnding: 'lf',
        lineWidth: maxLineLength,
      },
      javascript: {
        formatter: {
          quoteStyle: 'single',
          semicolons: 'always',
          trailingCommas: 'all',
          arrowParentheses: 'always',
        },
      },
      linter: {
        enabled: true,
        rules: {
          preset: 'recommended',
          style: {
            // Off: the code asserts non-null where it holds by construction and TypeScript cannot
            // follow it (a Map lookup right after its set, an index inside the bounds just checked,
            // a child's stdio opened as 'pipe', a regex a test expects to match). The rule's fixes
            // are `as` casts (just as unchecked, and wordier) or throw-branches no test can reach.
            noNonNullAssertion: 'off',
          },
        },
      },
      assist: { enabled: true, actions: { source: { organizeImports: 'on' } } },
    },
  });
}

// Biome's JSON report, for tools/check-biome-report.ts. Under node_modules/ because that folder
// exists wherever Biome is installed (Biome does not create the report's folder) and git ignores it.
const biomeReport = 'node_modules/.biome-report.json';

const lineLengthCheck = [
  'tsx tools/check-line-length.ts',
  `--max ${maxLineLength}`,
  ...notLinted.map((name) => `--skip '${name}'`),
  '--',
  ...lintedPaths,
].join(' ');

/**
 * The root scripts. `lint` checks and writes nothing (it runs first in `npm test`): Biome in CI
 * mode, then zero findings of any severity, then the line length. `lint:fix` writes.
 */
export const lintScripts = {
  lint: [
    `biome ci --error-on-warnings --reporter=default --reporter=json --reporter-file=${biomeReport}`,
    `tsx tools/check-biome-report.ts ${biomeReport}`,
    lineLengthCheck,
  ].join(' && '),
  'lint:fix': 'biome check --write',
};
