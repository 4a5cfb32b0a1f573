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
