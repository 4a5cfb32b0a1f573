import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where `prepare` puts the tarballs and the manifest the test files read (git-ignored). */
export const PACKS_DIR = join(REPO_ROOT, 'tools', 'consumer', '.packs');

/** Every npm package we publish: its workspace folder and its name. */
export const PUBLISHED = [
  { workspace: 'runtime', name: '@ddb-lock/runtime' },
  { workspace: 'cli', name: '@ddb-lock/cli' },
  { workspace: 'construct', name: '@ddb-lock/construct' },
] as const;

/** The name of a published package. */
export type PublishedName = (typeof PUBLISHED)[number]['name'];
