/**
 * First half of `npm run test:least-privilege`: runs the runtime's integration suite (plus
 * runtime/test/least-privilege/*.actions.ts, the guardedTransaction request dynalite cannot run)
 * with the action recorder, writing one JSON line per DynamoDB request into
 * cdk.out/least-privilege/. The runtime's jest starts its own dynalite on 127.0.0.1 (or uses
 * real DynamoDB with DDB_LOCK_TEST_TARGET=aws, as the integration suite does). actions.check.ts
 * then compares what was sent with the grants. Then the CLI's stuck-lock test, whose operator
 * commands go through a recording proxy, writes what they sent to the same folder.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';

const runtime = path.resolve(__dirname, '..', '..', '..', 'runtime');
const out = path.resolve(__dirname, '..', '..', 'cdk.out', 'least-privilege');
rmSync(out, { recursive: true, force: true });

const result = spawnSync(
  'jest',
  [
    '--testMatch',
    '<rootDir>/test/integration/**/*.test.ts',
    '<rootDir>/test/least-privilege/**/*.actions.ts',
    '--setupFilesAfterEnv',
    path.join(runtime, 'test', 'support', 'action-recorder.ts'),
  ],
  {
    cwd: runtime,
    stdio: 'inherit',
    env: { ...process.env, DDB_LOCK_RECORD_ACTIONS: out, NODE_OPTIONS: '--experimental-vm-modules' },
  },
);
if (result.status !== 0) {
  console.error(`the runtime's integration suite failed (${result.status ?? result.error}): no action list to compare`);
  process.exit(1);
}

// The CLI's operator commands (ls, inspect, watch, release) against a stuck lock, through the
// test's recording proxy: what an on-call role needs (grantLockOperation).
const cli = path.resolve(__dirname, '..', '..', '..', 'cli');
const operator = spawnSync(process.execPath, ['--import', 'tsx', '--test', 'test/stuck-lock.test.ts'], {
  cwd: cli,
  stdio: 'inherit',
  env: { ...process.env, DDB_LOCK_RECORD_ACTIONS: out },
});
if (operator.status !== 0) {
  console.error(`the CLI's operator test failed (${operator.status ?? operator.error}): no operator action list to compare`);
  process.exit(1);
}
