import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// A real script, because what is tested is Node's own rule: a process exits when nothing ref'd is
// pending. A wait between polls, or a pause between retries, must keep the awaiting process alive
// (bounded by waitMs and the request deadline); found by the chaos suite, where a worker told to
// stop during a retry pause vanished mid-release.

const table = useTestTable();

async function run(key: string, mode: 'wait' | 'throttled'): Promise<{ code: number | null; events: string[] }> {
  const fixture = fileURLToPath(new URL('../fixtures/awaiting-process.ts', import.meta.url));
  const endpoint = onRealDynamoDb ? 'aws' : process.env.DDB_LOCK_TEST_ENDPOINT!;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, endpoint, table.tableName, key, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    code,
    events: out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { event: string; name?: string }).name ?? (JSON.parse(line) as { event: string }).event),
  };
}

test('a process waiting for a held lock stays alive between polls and hears LockBusyError', async () => {
  const holder = await table.client({ leaseMs: 60_000, heartbeatMs: 0 }).acquire('awaited-wait');
  const { code, events } = await run('awaited-wait', 'wait');
  expect(events).toEqual(['started', 'LockBusyError']);
  expect(code).toBe(0);
  await holder.release();
}, 20_000);

test('a process whose acquire is throttled stays alive through the retry pauses and gets the lock', async () => {
  const { code, events } = await run('awaited-throttled', 'throttled');
  expect(events).toEqual(['started', 'acquired', 'released']);
  expect(code).toBe(0);
}, 20_000);
