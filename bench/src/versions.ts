import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = [
  'dynamodb-lock-client',
  'aws-sdk',
  '@deliveryhero/dynamodb-lock',
  '@aws-lambda-powertools/idempotency',
  '@aws-sdk/client-dynamodb',
  '@middy/core',
  'dynalite',
  'esbuild',
];

/**
 * Installed versions of every library in the run. Read from node_modules directly: some
 * packages' `exports` hide their package.json from require.
 */
export function installedVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node };
  for (const name of PACKAGES) versions[name] = findVersion(name);
  return versions;
}

function findVersion(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) return 'not installed';
  }
}
