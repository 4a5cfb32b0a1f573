import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { fencedWrite, type LockInfo } from '../../../src/index.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// A real process, really stopped (SIGSTOP) for longer than its lease: no fake clocks. Its
// monotonic clock keeps running while it is stopped, as on a VM pause or a Lambda freeze.

const table = useTestTable();

const LEASE = 1_000;

test('a holder paused longer than its lease learns of the loss before acting and touches nothing of the successor', async () => {
  const fixture = fileURLToPath(new URL('../fixtures/paused-holder.ts', import.meta.url));
  const endpoint = onRealDynamoDb ? 'aws' : process.env.DDB_LOCK_TEST_ENDPOINT!;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, endpoint, table.tableName, 'paused', String(LEASE)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const events: Array<{ event: string; [k: string]: unknown }> = [];
  const lines = createInterface({ input: child.stdout });
  const waitFor = (name: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (events.some((e) => e.event === name)) resolve();
        else setTimeout(check, 10);
      };
      check();
    });
  lines.on('line', (line) => events.push(JSON.parse(line)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    await waitFor('wrote');
    child.kill('SIGSTOP');
    const paused = events.length;

    const successor = table.client({ leaseMs: LEASE, heartbeatMs: 200, pollMs: 100 });
    const lock = await successor.acquire('paused', { waitMs: 10_000 });
    const acquiredFence = events.find((e) => e.event === 'acquired')!.fence as number;
    expect(lock.fence).toBe(acquiredFence + 1);
    await fencedWrite(lock, {
      update: {
        TableName: table.tableName,
        Key: { pk: { S: 'paused-resource' } },
        UpdateExpression: 'SET #w = :w',
        ExpressionAttributeNames: { '#w': 'writer' },
        ExpressionAttributeValues: { ':w': { S: 'successor' } },
      },
    });
    const before = await getLock(successor, 'paused');

    child.kill('SIGCONT');
    expect(await exited).toBe(0);
    const afterResume = events.slice(paused);
    // First thing it does on resume is notice: no 'wrote' after the pause.
    expect(afterResume.map((e) => e.event)).not.toContain('wrote');
    expect(afterResume.find((e) => e.event === 'invalid-before-acting')).toBeDefined();
    expect(afterResume.find((e) => e.event === 'after-resume')).toMatchObject({ staleWrite: 'refused-locally', released: false });
    // Its heartbeat and release did not touch the successor's item. (Record version and expiry
    // are left out: the successor's own heartbeats rotate them every 200 ms, and under load the
    // resume takes longer than that.)
    const grantOf = (info: LockInfo | undefined) =>
      info && { owner: info.owner, fence: info.fence, released: info.released, leaseMs: info.leaseMs };
    expect(grantOf(await getLock(successor, 'paused'))).toEqual(grantOf(before));
    expect(lock.isValid()).toBe(true);
    await lock.release();
  } finally {
    child.kill('SIGKILL');
  }
});
