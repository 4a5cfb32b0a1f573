import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getLock } from '@ddb-lock/runtime/admin';
import { type RunningBin, runBin, startBin, waitUntil } from './support/bin.js';
import { tableForThisFile } from './support/local-target.js';

// `ddb-lock lead` through the real bin, with real processes and real signals (leases of 2 s):
// run it under the heavy lock by hand.
const WRITER = new URL('./fixtures/term-writer.mjs', import.meta.url).pathname;
const ctx = tableForThisFile();
const dirs: string[] = [];

after(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-cli-lead-'));
  dirs.push(dir);
  return dir;
}
const logOf = (dir: string) => (existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').trim().split('\n') : []);
const starts = (dir: string) => logOf(dir).filter((l) => l.startsWith('start '));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('three leads around a writer: SIGKILL of the leading ddb-lock stops its command; terms increase, never two writers', async () => {
  const dir = scratch();
  const leads: RunningBin[] = [0, 1, 2].map(() =>
    startBin([...ctx.table.flags, 'lead', 'sched', '--lease', '2s', '--grace', '1s', '--', process.execPath, WRITER, dir], {
      env: ctx.target.env,
    }),
  );
  try {
    const leading = async (count: number) => {
      await waitUntil(
        () => (starts(dir).length >= count ? true : undefined),
        30_000,
        () => `term ${count} to start: ${logOf(dir).slice(-3).join(' | ')}`,
      );
      const [, fence, pid] = starts(dir)[count - 1]!.split(' ');
      const bin = await waitUntil(
        () => leads.find((l) => l.stderr().includes(`term ${fence};`)),
        5_000,
        () => `the lead that won term ${fence}`,
      );
      return { fence: Number(fence), pid: Number(pid), bin };
    };
    const first = await leading(1);
    const listing = await runBin([...ctx.table.flags, 'ls'], { env: ctx.target.env });
    assert.match(listing.stdout, new RegExp(`election sched: leader \\S+, term ${first.fence}`));

    first.bin.process.kill('SIGKILL');
    // Its command is stopped by the guard once the pipe from the dead ddb-lock closes, well
    // before the term's lease ends and anyone could be elected.
    await waitUntil(
      () => (alive(first.pid) ? undefined : true),
      5_000,
      () => `the killed leader's command ${first.pid} to stop`,
    );
    assert.ok(logOf(dir).includes(`stop ${first.fence}`), logOf(dir).join('\n'));
    assert.equal(starts(dir).length, 1, 'nobody was elected while the dead term was still valid');

    const second = await leading(2);
    assert.ok(second.fence > first.fence);
    const inspected = await runBin([...ctx.table.flags, 'inspect', 'election/sched', '--no-watch'], { env: ctx.target.env });
    assert.match(inspected.stdout, new RegExp(`election sched: leader \\S+, term ${second.fence}`));

    // SIGTERM: the command gets it, exits 0; lead resigns and exits with that code.
    second.bin.process.kill('SIGTERM');
    const stopped = await second.bin.result;
    assert.equal(stopped.code, 0, stopped.stderr);
    const third = await leading(3);
    assert.ok(third.fence > second.fence);
    third.bin.process.kill('SIGTERM');
    assert.equal((await third.bin.result).code, 0);

    const log = logOf(dir);
    assert.deepEqual(
      log.filter((l) => l.startsWith('overlap')),
      [],
    );
    // Each term's writes lie between its start and stop: one writer at a time.
    let current: string | undefined;
    for (const line of log) {
      const [kind, fence] = line.split(' ');
      if (kind === 'start') {
        assert.equal(current, undefined, `term ${fence} started while ${current} was writing`);
        current = fence;
      } else if (kind === 'write') assert.equal(fence, current);
      else if (kind === 'stop') {
        assert.equal(fence, current);
        current = undefined;
      }
    }
    const item = await getLock(ctx.table.client(), 'election/sched');
    assert.deepEqual([item?.released, item?.fence], [true, third.fence]);
  } finally {
    for (const l of leads) l.process.kill('SIGKILL');
  }
});

test('a stopped (SIGSTOP) ddb-lock lead: the guard stops its command when the term validity runs out, before the next term', async () => {
  const dir = scratch();
  const lead = () =>
    startBin([...ctx.table.flags, 'lead', 'paused', '--lease', '2s', '--grace', '1s', '--', process.execPath, WRITER, dir], {
      env: ctx.target.env,
    });
  const first = lead();
  let second: RunningBin | undefined;
  try {
    const started = await waitUntil(
      () => starts(dir)[0],
      30_000,
      () => 'the command to start',
    );
    second = lead();
    await second.waitForStderr(/standing by/, 30_000);
    first.process.kill('SIGSTOP');
    await waitUntil(
      () => (starts(dir).length === 2 ? true : undefined),
      30_000,
      () => `the next term: ${logOf(dir).slice(-3).join(' | ')}`,
    );
    const [, fence, pid] = started.split(' ');
    assert.equal(alive(Number(pid)), false);
    const log = logOf(dir).filter((l) => !l.startsWith('write'));
    assert.deepEqual(log.slice(0, 2), [started, `stop ${fence}`], 'stopped before the next term started');
    assert.deepEqual(
      logOf(dir).filter((l) => l.startsWith('overlap')),
      [],
    );
  } finally {
    first.process.kill('SIGCONT');
    first.process.kill('SIGKILL');
    second?.process.kill('SIGKILL');
  }
});

test('the command exits on its own: lead resigns and exits with its code; no command: usage error', async () => {
  const r = await runBin(
    [...ctx.table.flags, 'lead', 'once', '--lease', '2s', '--', 'sh', '-c', 'echo "$DDB_LOCK_FENCE $DDB_LOCK_ELECTION"; exit 3'],
    {
      env: ctx.target.env,
    },
  );
  assert.equal(r.code, 3, r.stderr);
  const [fence, election] = r.stdout.trim().split(' ');
  assert.equal(election, 'once');
  const item = await getLock(ctx.table.client(), 'election/once');
  assert.deepEqual([item?.released, item?.fence], [true, Number(fence)]);
  assert.equal((await runBin([...ctx.table.flags, 'lead', 'once'], { env: ctx.target.env })).code, 64);
});
