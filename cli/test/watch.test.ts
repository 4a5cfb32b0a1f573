import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { WatchEvent } from '../src/lock-tracker.js';
import { startBin } from './support/bin.js';
import { tableForThisFile } from './support/local-target.js';
import { startBinOnPty } from './support/pty.js';

// `ddb-lock watch` through the real bin: NDJSON when piped, a redrawn screen on a terminal.
const ctx = tableForThisFile();

const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as WatchEvent);

test('piped: one JSON event per line — seen, acquire, renew, release, takeover — and exit 0 on SIGINT', async () => {
  const before = await ctx.table.client().acquire('w-before');
  await before.release();
  const watch = startBin([...ctx.table.flags, 'watch', '--prefix', 'w-', '--interval', '100ms'], { env: ctx.target.env });
  await watch.waitForStdout(/"event":"seen".*\n/, 30_000);
  // acquire, then renew (a manual heartbeat), then release.
  const lock = await ctx.table.client({ leaseMs: 5_000, heartbeatMs: 0 }).acquire('w-job');
  await watch.waitForStdout(/"event":"acquire","key":"w-job"/);
  await lock.heartbeat();
  await watch.waitForStdout(/"event":"renew","key":"w-job"/);
  await lock.release();
  await watch.waitForStdout(/"event":"release","key":"w-job"/);
  // takeover: a silent holder, and a waiter that watches it for a lease.
  const silent = await ctx.table.client({ leaseMs: 1_000, heartbeatMs: 0 }).acquire('w-dead');
  await watch.waitForStdout(/"event":"acquire","key":"w-dead"/);
  const successor = await ctx.table.client({ leaseMs: 5_000 }).acquire('w-dead', { waitMs: 10_000 });
  await watch.waitForStdout(/"event":"takeover","key":"w-dead"/);
  watch.process.kill('SIGINT');
  const result = await watch.result;
  assert.equal(result.code, 0, result.stderr);
  const seen = events(result.stdout);
  assert.deepEqual(
    seen.map((e) => [e.event, e.key]),
    [
      ['seen', 'w-before'],
      ['acquire', 'w-job'],
      ['renew', 'w-job'],
      ['release', 'w-job'],
      ['acquire', 'w-dead'],
      ['takeover', 'w-dead'],
    ],
  );
  const takeover = seen.at(-1)!;
  assert.deepEqual(
    [takeover.owner, takeover.fence, takeover.previousOwner, takeover.previousFence],
    [successor.owner, successor.fence, silent.owner, silent.fence],
  );
  assert.ok(seen.every((e) => !Number.isNaN(Date.parse(e.time))));
});

test('one KEY: only that lock, and exit 0 on SIGTERM', async () => {
  const holder = ctx.table.client({ heartbeatMs: 0 });
  const lock = await holder.acquire('k-one');
  const watch = startBin([...ctx.table.flags, 'watch', 'k-one', '--interval', '100ms'], { env: ctx.target.env });
  await watch.waitForStdout(/"event":"seen","key":"k-one"/, 30_000);
  await (await holder.acquire('k-other')).release();
  await lock.release();
  await watch.waitForStdout(/"event":"release","key":"k-one"/);
  watch.process.kill('SIGTERM');
  const result = await watch.result;
  assert.equal(result.code, 0);
  assert.deepEqual(
    events(result.stdout).map((e) => [e.event, e.key, e.fence]),
    [
      ['seen', 'k-one', lock.fence],
      ['release', 'k-one', lock.fence],
    ],
  );
});

test('on a terminal (pseudo-terminal): a redrawn frame with the lock table and recent events', async () => {
  const tty = startBinOnPty([...ctx.table.flags, 'watch', '--prefix', 't-', '--interval', '100ms'], { env: ctx.target.env });
  after(() => tty.process.kill('SIGKILL'));
  await tty.waitForStdout(/\(no locks\)/, 30_000);
  const lock = await ctx.table.client().acquire('t-job', { data: 'hello' });
  await tty.waitForStdout(/acquire +t-job/);
  tty.write('\x03'); // Ctrl-C on the terminal: SIGINT to the foreground process
  const result = await tty.result;
  assert.equal(result.code, 0);
  const screen = tty.stdout();
  assert.ok(screen.startsWith('\x1b[?25l\x1b[2J\x1b[H'), JSON.stringify(screen.slice(0, 40))); // hide cursor, clear, home
  assert.ok(screen.includes('\x1b[?25h'), 'the cursor is shown again at exit');
  const frames = screen.split('\x1b[H').slice(1);
  assert.ok(frames.length >= 2);
  const last = frames
    .filter((f) => f.includes('t-job'))
    .at(-1)!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the terminal sequences the test strips
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/);
  assert.match(last[0]!, new RegExp(`^ddb-lock watch  table ${ctx.table.tableName}  prefix t-  every 100ms  \\S+Z  \\(Ctrl-C to quit\\)$`));
  assert.match(last[2]!, /^KEY +STATE +OWNER +FENCE/);
  assert.match(last[3]!, new RegExp(`^t-job +held +${lock.owner} +${lock.fence} +20s .* hello$`));
  assert.match(last[6]!, new RegExp(`^ {2}\\d\\d:\\d\\d:\\d\\d\\.\\d{3} {2}acquire {3}t-job {2}${lock.owner} {2}fence ${lock.fence}$`));
});
