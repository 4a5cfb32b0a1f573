import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A temporary tree with every place that states the release version, each at `version` unless
 * `overrides` gives another (place → version or file text).
 */
export function versionTree(version: string, overrides: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'ddb-lock-release-'));
  const v = (place: string) => overrides[place] ?? version;
  const files: Record<string, string> = {
    'projenrc/release-version.ts': `export const releaseVersion = '${v('source')}';\n`,
    'runtime/package.json': JSON.stringify({ name: '@ddb-lock/runtime', version: v('runtime') }),
    'cli/package.json': JSON.stringify({
      name: '@ddb-lock/cli',
      version: v('cli'),
      dependencies: { '@ddb-lock/runtime': `^${v('range')}` },
    }),
    'construct/package.json': JSON.stringify({ name: '@ddb-lock/construct', version: v('construct') }),
    'runtime/src/version.ts': `export const VERSION = '${v('constant')}';\n`,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}
