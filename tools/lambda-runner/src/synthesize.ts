import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root (cdk.json lives there). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const OFFLINE_ENV = join(repoRoot, 'construct', 'scripts', 'offline-env.sh');

/**
 * Synthesizes the example app (root cdk.json) offline into `cdk.out/<name>` with the given
 * context, bundling the handler with the local esbuild. The output stays under the repo so the
 * bundle resolves the AWS SDK from node_modules, as nodejs22.x provides it in Lambda.
 *
 * @example
 * ```ts
 * const dir = await synthesizeExampleApp('lambda-test', { 'ddbLock:workerTimeoutSeconds': '4' });
 * ```
 */
export async function synthesizeExampleApp(name: string, context: Record<string, string>): Promise<string> {
  const outdir = join(repoRoot, 'cdk.out', name);
  mkdirSync(outdir, { recursive: true });
  const args = [
    'cdk',
    'synth',
    '--no-notices',
    '--quiet',
    '--output',
    outdir,
    ...Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
  ];
  // Through the construct's offline wrapper, the one list of flags that keeps the CDK CLI off the
  // network. Fake credentials are not enough: given any, `cdk synth` asks STS for the account
  // (a DNS query seen under strace); the wrapper leaves it none and no place to find any.
  await promisify(execFile)('bash', [OFFLINE_ENV, 'npx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return outdir;
}
