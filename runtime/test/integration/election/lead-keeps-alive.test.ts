import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// A real process whose leader work only awaits its signal: heartbeats run on unref'd timers, so
// without lead's own keep-alive Node would exit mid-term (the demo found it: its leaders "died"
// at once and were replaced a lease later).
const table = useTestTable();
const LEASE = 1_000;

test('lead keeps its process alive while it leads: the term is renewed for several leases', async () => {
  const fixture = fileURLToPath(new URL('../fixtures/election-candidate.ts', import.meta.url));
  const endpoint = onRealDynamoDb ? 'aws' : process.env.DDB_LOCK_TEST_ENDPOINT!;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, endpoint, table.tableName, 'idle', String(LEASE), 'idle', 'idle'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const elected = await new Promise<{ fence: number }>((resolve) =>
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const event = JSON.parse(line) as { event: string; fence: number };
        if (event.event === 'elected') resolve(event);
      }),
    );
    const client = table.client();
    const first = await getLock(client, 'election/idle');
    const stillRunning = await Promise.race([exited.then(() => false), new Promise((r) => setTimeout(() => r(true), 3 * LEASE))]);
    expect(stillRunning).toBe(true);
    const later = await getLock(client, 'election/idle');
    expect(later).toMatchObject({ fence: elected.fence, released: false });
    expect(later?.recordVersion).not.toBe(first?.recordVersion); // renewed
  } finally {
    child.kill('SIGKILL');
  }
});
