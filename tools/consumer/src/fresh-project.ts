import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun } from './run-command.js';

/**
 * A new npm project in the system's temporary folder, outside the repo (so Node and TypeScript
 * cannot reach the repo's node_modules), with `dependencies` installed by npm: tarballs as
 * `file:` paths, everything else from the registry `.npmrc` names (the machine's by default).
 */
export async function freshProject(
  label: string,
  options: { dependencies: Record<string, string>; type?: 'module' | 'commonjs'; npmrc?: string },
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `ddb-lock-consumer-${label}-`));
  const manifest = {
    name: `consumer-${label}`,
    version: '1.0.0',
    private: true,
    type: options.type ?? 'commonjs',
    dependencies: options.dependencies,
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.npmrc) writeFileSync(join(dir, '.npmrc'), options.npmrc);
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, timeoutMs: 600_000 });
  return dir;
}

/** Deletes a fresh project, unless DDB_LOCK_KEEP_CONSUMER is set (to look at it after a failure). */
export function removeProject(dir: string): void {
  if (!process.env.DDB_LOCK_KEEP_CONSUMER) rmSync(dir, { recursive: true, force: true });
}
