import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root (cdk.json lives there). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

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
  const args = ['cdk', 'synth', '--no-notices', '--quiet', '--output', outdir, ...Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  await promisify(execFile)('npx', args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      // Offline: no telemetry, version check or notices; fake credentials and a region so nothing
      // walks the credential chain to the metadata address.
      CI: 'true', CDK_DISABLE_CLI_TELEMETRY: '1', CDK_DISABLE_VERSION_CHECK: '1', JSII_SILENCE_SUPPORT_WARNING: '1',
      AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'fake', AWS_SECRET_ACCESS_KEY: 'fake', AWS_EC2_METADATA_DISABLED: 'true',
      NODE_OPTIONS: '',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return outdir;
}
