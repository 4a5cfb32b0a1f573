import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * A venv at `venv` with exactly `requirements` installed, every wheel checked against the file's
 * hashes (--require-hashes; --no-deps: nothing unlisted). Made once and remade when the file
 * changes (its hash is stamped in the venv), like tools/local-dynamo/setup-moto.sh does for moto.
 */
export function pinnedVenv(venv: string, requirements: string): string {
  const stamp = path.join(venv, '.requirements.sha256');
  const want = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return venv;
  rmSync(venv, { recursive: true, force: true });
  must('python3', ['-m', 'venv', venv]);
  must(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--require-hashes', '--no-deps', '-r', requirements]);
  writeFileSync(stamp, want);
  return venv;
}

function must(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}${result.error ?? ''}`);
}
