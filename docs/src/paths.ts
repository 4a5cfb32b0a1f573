import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (docs/src/ is two levels down). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Everything the docs build writes lives under docs/dist/ (git-ignored through `dist/`). */
export const distDir = join(repoRoot, 'docs', 'dist');

/** The built site: open `index.html`, or serve the folder. */
export const siteDir = join(distDir, 'site');

/** Markdown pages generated before TypeDoc runs (CLI, construct per language, cost, results). */
export const generatedDir = join(distDir, 'generated');

/** Screenshots the browser check saves (home, a guide, an API page). */
export const screenshotDir = join(distDir, 'screenshots');

/** Cache of slow generated pages (jsii-docgen), keyed by the content of their inputs. */
export const cacheDir = join(distDir, 'cache');

/** The hand-written guides; every `*.md` here is a page (other features add theirs: nothing lists them). */
export const guidesDir = join(repoRoot, 'docs', 'guides');

/** The public API's TSDoc examples and each entry point's exports, written by the site build for the snippet check. */
export const EXAMPLES_FILE = join(distDir, 'tsdoc-examples.json');

/** Where the snippet check writes each snippet as a module (inside the repo: packages resolve as for a user). */
export const snippetsOutDir = join(distDir, 'snippets');

/** The contexts snippets name with `context=NAME`: `docs/snippet-context/NAME.ts`. */
export const snippetContextDir = join(repoRoot, 'docs', 'snippet-context');
