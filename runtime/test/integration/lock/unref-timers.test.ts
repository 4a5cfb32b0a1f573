import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { bundle, type SourceEdit, srcEntry } from '../../support/bundle.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// The README and TSDoc promise that a held lock's timers, and an invocation's deadline timer,
// never keep a process alive. Node's rule decides it (a process exits when nothing ref'd is
// pending), so each case runs a real process whose only remaining work is that timer, built
// from the package's source twice: as shipped (it must exit on its own, before the timer ever
// fires) and with the `.unref()` edited out (the timer fires: the process was kept alive). The
// second run is what makes the first one mean something.

const table = useTestTable();

const NO_LOCK_UNREF: SourceEdit = { file: 'lock/lock-timers.ts', find: 'this.timer.unref?.();', replace: '' };
const NO_DEADLINE_UNREF: SourceEdit = { file: 'lambda/invocation-deadline.ts', find: 'this.timer.unref?.();', replace: '' };

/** Runs `script` (ESM, next to the bundle) until it exits, or kills it at its first line in `killOn`. */
async function run(dir: string, script: string, args: string[], killOn: string): Promise<{ code: number | null; events: string[] }> {
  const file = join(dir, 'probe.mjs');
  writeFileSync(file, script);
  const child = spawn(process.execPath, [file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const events: string[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      events.push(line);
      if (line === killOn) child.kill('SIGKILL');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, events };
}

// A held lock, heartbeating every 250 ms, and nothing else: the script's last line is the acquire.
const HOLDER = `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LockClient } from './index.mjs';
const [endpoint, tableName, key] = process.argv.slice(2);
const ddb = endpoint === 'aws' ? new DynamoDBClient({ maxAttempts: 1 }) : new DynamoDBClient({
  endpoint, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1 });
const client = new LockClient({ tableName, client: ddb, leaseMs: 2000, heartbeatMs: 250 });
const lock = await client.acquire(key);
lock.on('renewed', () => console.log('renewed'));
console.log('acquired');
`;

// An invocation deadline 400 ms away (remaining 1.4 s − 1 s margin), never disposed.
const INVOCATION = `
import { InvocationDeadline } from './deadline.mjs';
const end = Date.now() + 1400;
const deadline = new InvocationDeadline({ getRemainingTimeInMillis: () => end - Date.now() }, 1000, 'test');
deadline.signal.addEventListener('abort', () => console.log('deadline'));
console.log('armed');
`;

const CASES: { label: string; shipped: boolean }[] = [
  { label: 'as shipped', shipped: true },
  { label: 'with .unref() removed (the mutant this test exists to catch)', shipped: false },
];

describe.each(CASES)('$label', ({ label, shipped }) => {
  test(`a process whose only work left is a held, heartbeating lock ${shipped ? 'exits on its own' : 'is kept alive'}`, async () => {
    const out = await bundle({ index: srcEntry('index.ts') }, ['@aws-sdk/*'], shipped ? [] : [NO_LOCK_UNREF]);
    try {
      const endpoint = onRealDynamoDb ? 'aws' : process.env.DDB_LOCK_TEST_ENDPOINT!;
      const key = `unref-${shipped ? 'shipped' : 'mutant'}`;
      const { code, events } = await run(out.dir, HOLDER, [endpoint, table.tableName, key], 'renewed');
      // As shipped: exit 0 right after the acquire, no heartbeat ever sent. Mutant: heartbeats, killed.
      expect({ label, code, events }).toEqual(
        shipped ? { label, code: 0, events: ['acquired'] } : { label, code: null, events: ['acquired', 'renewed'] },
      );
    } finally {
      out.remove();
    }
  }, 20_000);

  test(`a process whose only work left is an invocation deadline ${shipped ? 'exits before it fires' : 'waits for it'}`, async () => {
    const out = await bundle({ deadline: srcEntry('lambda/invocation-deadline.ts') }, ['@aws-sdk/*'], shipped ? [] : [NO_DEADLINE_UNREF]);
    try {
      const { code, events } = await run(out.dir, INVOCATION, [], 'never');
      expect({ label, code, events }).toEqual({ label, code: 0, events: shipped ? ['armed'] : ['armed', 'deadline'] });
    } finally {
      out.remove();
    }
  }, 20_000);
});
