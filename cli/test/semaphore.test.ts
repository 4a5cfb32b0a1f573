import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Semaphore } from '@ddb-lock/runtime/semaphore';
import { runBin } from './support/bin.js';
import { tableForThisFile } from './support/local-target.js';

// A semaphore through the real bin: `run --permits`, `ls` (one row per semaphore), `inspect`
// (its holders), `release --force` of one permit, and a mismatched N refused.
const ctx = tableForThisFile();
const bin = (...args: string[]) => runBin([...ctx.table.flags, ...args], { env: ctx.target.env });

test('run --permits: busy (75) while all N are held; with one free the command runs on that permit', async () => {
  await ctx.ready;
  const semaphore = new Semaphore(ctx.table.client({ leaseMs: 20_000 }), 'exports', { permits: 2 });
  const [first, second] = [await semaphore.acquire(), await semaphore.acquire()];
  const busy = await bin('run', 'exports', '--permits', '2', '--wait', '0s', '--', 'sh', '-c', 'exit 0');
  assert.equal(busy.code, 75, busy.stderr);
  assert.match(busy.stderr, /^ddb-lock: every permit of semaphore exports \(2 permits\) is held: not running the command/);
  await first.release();
  const ran = await bin(
    'run',
    'exports',
    '--permits',
    '2',
    '--wait',
    '0s',
    '--',
    'sh',
    '-c',
    'echo "$DDB_LOCK_SEMAPHORE $DDB_LOCK_PERMIT $DDB_LOCK_KEY"',
  );
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(ran.stdout, `exports ${first.permit!.permit} exports#${first.permit!.permit}\n`);
  const mismatched = await bin('run', 'exports', '--permits', '3', '--wait', '0s', '--', 'sh', '-c', 'exit 0');
  assert.equal(mismatched.code, 64);
  assert.match(mismatched.stderr, /semaphore exports has 2 permits .* this client says 3/);
  await second.release();
});

test('ls: a semaphore is one row with held/N and its holders; inspect lists them; release --force frees one permit', async () => {
  await ctx.ready;
  const semaphore = new Semaphore(ctx.table.client({ leaseMs: 20_000 }), 'partner', { permits: 2 });
  const held = [await semaphore.acquire(), await semaphore.acquire()];
  const ls = await bin('ls');
  assert.equal(ls.code, 0, ls.stderr);
  const row = ls.stdout.split('\n').find((line) => line.startsWith('partner (semaphore)'));
  assert.ok(row, ls.stdout);
  assert.match(row, /^partner \(semaphore\) +2\/2 +#0 \S+, #1 \S+ /);
  assert.ok(!ls.stdout.includes('partner#0'), 'permits are not listed one by one');
  const json = JSON.parse((await bin('ls', '--json')).stdout) as { semaphore?: string; permits?: number; held?: number }[];
  assert.deepEqual(
    json.filter((e) => e.semaphore === 'partner').map(({ semaphore: s, permits, held: h }) => ({ s, permits, h })),
    [{ s: 'partner', permits: 2, h: 2 }],
  );
  const inspect = await bin('inspect', 'partner');
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /^semaphore partner: 2\/2 permits held\n/);
  for (const lock of held) assert.match(inspect.stdout, new RegExp(`#${lock.permit!.permit} +held +${lock.owner} +${lock.fence}`));
  const victim = held[1]!.permit!.permit;
  const forced = await bin('release', `partner#${victim}`, '--force', '--yes');
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal((await semaphore.holders()).length, 1);
  const next = await semaphore.acquire({ waitMs: 0 });
  assert.equal(next.permit!.permit, victim);
  assert.ok(next.fence > held[1]!.fence, 'fencing holds per permit');
  assert.equal(await held[1]!.release(), false);
});
