import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getLock } from '@ddb-lock/runtime/admin';
import { runBin, startBin, waitUntil } from './support/bin.js';
import { tableForThisFile } from './support/local-target.js';

// `ddb-lock run` through the real bin, with real child processes. Timing-sensitive (leases of
// 2 s on a shared 2-core machine): run it under `flock /work/heavy.lock` by hand.
const CHILD = new URL('./fixtures/child.mjs', import.meta.url).pathname;
const ctx = tableForThisFile();
const dirs: string[] = [];

after(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-cli-run-'));
  dirs.push(dir);
  return dir;
}
const readIfExists = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
const child = (dir: string, mode: string, ...rest: string[]) => ['--', process.execPath, CHILD, dir, mode, ...rest];
const run = (key: string, ...args: string[]) => startBin([...ctx.table.flags, 'run', key, ...args], { env: ctx.target.env });

test('the command gets the key, fence and table; run exits with its code and releases the lock', async () => {
  const { code, stdout, stderr } = await runBin(
    [...ctx.table.flags, 'run', 'env', '--', 'sh', '-c', 'echo "$DDB_LOCK_KEY $DDB_LOCK_FENCE $DDB_LOCK_TABLE_NAME"; exit 3'],
    { env: ctx.target.env },
  );
  assert.equal(code, 3, stderr);
  const [key, fence, tableName] = stdout.trim().split(' ');
  assert.deepEqual([key, tableName], ['env', ctx.table.tableName]);
  const item = await getLock(ctx.table.client(), 'env');
  assert.equal(item?.fence, Number(fence));
  assert.equal(item?.released, true);
});

test('a command ended by a signal: 128 + its number; a missing command: 127, and the lock is released', async () => {
  assert.equal((await runBin([...ctx.table.flags, 'run', 'sig', '--', 'sh', '-c', 'kill -KILL $$'], { env: ctx.target.env })).code, 137);
  const missing = await runBin([...ctx.table.flags, 'run', 'sig', '--', 'ddb-lock-no-such-command'], { env: ctx.target.env });
  assert.equal(missing.code, 127);
  assert.match(missing.stderr, /^ddb-lock: cannot run ddb-lock-no-such-command: spawn ddb-lock-no-such-command ENOENT\n$/);
  assert.equal((await getLock(ctx.table.client(), 'sig'))?.released, true);
});

test('busy: exit 75 and the command is not started', async () => {
  const holder = await ctx.table.client({ leaseMs: 20_000 }).acquire('busy');
  const dir = scratch();
  const { code, stderr } = await runBin([...ctx.table.flags, 'run', 'busy', '--wait', '0', ...child(dir, 'trap')], {
    env: ctx.target.env,
  });
  assert.equal(code, 75);
  assert.match(
    stderr,
    new RegExp(`^ddb-lock: lock busy is held by ${holder.owner}: not running the command \\(it could be free in 20s\\)\n$`),
  );
  assert.equal(existsSync(join(dir, 'ready')), false);
  await holder.release();
});

test('two concurrent runs on one key: their commands never overlap, and fences increase', async () => {
  const dir = scratch();
  const runs = [0, 1, 2].map(() => run('exclusive', '--wait', '60s', '--lease', '2s', ...child(dir, 'exclusive')));
  const results = await Promise.all(runs.map((r) => r.result));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const log = readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
  assert.equal(log.length, 6, log.join('\n'));
  const fences: number[] = [];
  for (let i = 0; i < log.length; i += 2) {
    const [start, startFence] = log[i]!.split(' ');
    const [end, endFence] = log[i + 1]!.split(' ');
    assert.deepEqual([start, end, startFence], ['start', 'end', endFence], log.join('\n'));
    fences.push(Number(startFence));
  }
  assert.ok(fences[0]! < fences[1]! && fences[1]! < fences[2]!, fences.join(' < '));
});

test('lock lost mid-command (forced release): SIGTERM to the command, run exits 76', async () => {
  const dir = scratch();
  const r = run('lost', '--lease', '2s', '--grace', '5s', ...child(dir, 'trap', '0'));
  const ready = JSON.parse(
    await waitUntil(
      () => readIfExists(join(dir, 'ready')),
      30_000,
      () => `the child to start: ${r.stderr()}`,
    ),
  );
  const forced = await runBin([...ctx.table.flags, 'release', 'lost', '--fence', ready.fence], { env: ctx.target.env });
  assert.equal(forced.code, 0, forced.stderr);
  const result = await r.result;
  assert.equal(result.code, 76, result.stderr);
  assert.equal(readFileSync(join(dir, 'signal'), 'utf8'), 'SIGTERM');
  assert.match(result.stderr, /^ddb-lock: lost the lock \(lock lost .*\); stopping the command: SIGTERM now, SIGKILL after 5s\n$/);
  // The released item is not touched again by the stopped run: still released, same fence.
  const item = await getLock(ctx.table.client(), 'lost');
  assert.deepEqual([item?.released, item?.fence], [true, Number(ready.fence)]);
});

test('a command that ignores SIGTERM gets SIGKILL after --grace', async () => {
  const dir = scratch();
  const r = run('stubborn', '--lease', '2s', '--grace', '500ms', ...child(dir, 'ignore-term'));
  const ready = JSON.parse(
    await waitUntil(
      () => readIfExists(join(dir, 'ready')),
      30_000,
      () => `the child to start: ${r.stderr()}`,
    ),
  );
  await runBin([...ctx.table.flags, 'release', 'stubborn', '--force', '--yes'], { env: ctx.target.env });
  const result = await r.result;
  assert.equal(result.code, 76, result.stderr);
  assert.equal(readFileSync(join(dir, 'signal'), 'utf8'), 'SIGTERM ignored');
  assert.throws(() => process.kill(ready.pid, 0), /ESRCH/, 'the command is gone');
});

test('SIGTERM and SIGHUP sent to run reach the command; run exits with its code and releases', async () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const dir = scratch();
    const r = run('forward', '--lease', '2s', ...child(dir, 'trap', '7'));
    await waitUntil(
      () => readIfExists(join(dir, 'ready')),
      30_000,
      () => `the child to start: ${r.stderr()}`,
    );
    r.process.kill(signal);
    const result = await r.result;
    assert.equal(result.code, 7, `${signal}: ${result.stderr}`);
    assert.equal(readFileSync(join(dir, 'signal'), 'utf8'), signal);
    assert.equal((await getLock(ctx.table.client(), 'forward'))?.released, true);
  }
});

test('SIGINT while waiting for a busy lock: exit 130, the command never starts', async () => {
  const holder = await ctx.table.client({ leaseMs: 20_000 }).acquire('waiting');
  const dir = scratch();
  const r = run('waiting', '--wait', '60s', ...child(dir, 'trap'));
  await r.waitForStderr(new RegExp(`^ddb-lock: lock waiting is held by ${holder.owner}; waiting up to 1m\\n$`), 30_000);
  r.process.kill('SIGINT');
  const result = await r.result;
  assert.equal(result.code, 130, result.stderr);
  assert.equal(existsSync(join(dir, 'ready')), false);
  assert.equal(holder.isValid(), true);
});
