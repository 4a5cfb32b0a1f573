import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Runs the real `ddb-lock ls --all` bin (node_modules/.bin, linked by `npm ci`) on the demo's table and
 * prints the command and its output: what an operator would see after the burst.
 *
 * @example
 * ```ts
 * await printDdbLockLs({ repoRoot, endpoint: local.endpoint, tableName: stack.tableName, partitionKeyName: 'pk' });
 * ```
 */
export async function printDdbLockLs(options: {
  repoRoot: string;
  endpoint: string;
  tableName: string;
  partitionKeyName: string;
}): Promise<void> {
  const args = [
    '--endpoint',
    options.endpoint,
    '--table',
    options.tableName,
    ...(options.partitionKeyName !== 'pk' ? ['--partition-key-name', options.partitionKeyName] : []),
    'ls',
    // After the burst every lock is released; by default `ls` lists only held and stuck ones.
    '--all',
  ];
  console.log(`\n$ ddb-lock ${args.join(' ')}`);
  // The embedded server takes any credentials; static ones keep the SDK off the metadata address.
  const env = {
    ...process.env,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'demo',
    AWS_SECRET_ACCESS_KEY: 'demo',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const child = spawn(join(options.repoRoot, 'node_modules', '.bin', 'ddb-lock'), args, { stdio: 'inherit', env });
  const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
  if (code !== 0) throw new Error(`ddb-lock ls exited with ${code}`);
}
