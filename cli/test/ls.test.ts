import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getLock } from '@ddb-lock/runtime/admin';
import { runBin, waitUntil } from './support/bin.js';
import { tableForThisFile } from './support/local-target.js';

// `ddb-lock ls` through the real bin: a held lock with data, a released one, one whose lease has
// passed (its holder stopped heartbeating), filters, and the JSON form.
const ctx = tableForThisFile();
const fences: Record<string, number> = {};

before(async () => {
  await ctx.ready;
  const holder = ctx.table.client();
  fences['job-held'] = (await holder.acquire('job-held', { data: 'step 2\nof 5' })).fence;
  const done = await holder.acquire('job-done');
  fences['job-done'] = done.fence;
  await done.release();
  const silent = ctx.table.client({ leaseMs: 1_000, heartbeatMs: 0 });
  const expired = await silent.acquire('other-expired');
  fences['other-expired'] = expired.fence;
  // Expired means: past expiresAt by the wall clock; wait for exactly that.
  const info = await getLock(silent, 'other-expired');
  await waitUntil(
    () => (Date.now() > info!.expiresAt ? true : undefined),
    5_000,
    () => 'the lease to pass',
  );
});

const ls = (...args: string[]) => runBin([...ctx.table.flags, 'ls', ...args], { env: ctx.target.env });

test('by default the locks not released, sorted by key, with state, owner, fence, lease and a data preview', async () => {
  const { code, stdout, stderr } = await ls();
  assert.equal(code, 0, stderr);
  const lines = stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^KEY +STATE +OWNER +FENCE +LEASE +BEAT AGE +EXPIRES AT +DATA$/);
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2)),
    [
      ['job-held', 'held'],
      ['other-expired', 'expired'],
    ],
  );
  // A stuck lock says for how long; the released one is only counted, on stderr.
  assert.match(lines[2]!, /^other-expired +expired [\d.]+m?s ago \(unreleased\) /);
  assert.equal(stderr, '(1 released not shown: --all shows them)\n');
  assert.deepEqual(
    (await ls('--all')).stdout
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(/\s+/).slice(0, 2)),
    [
      ['job-done', 'released'],
      ['job-held', 'held'],
      ['other-expired', 'expired'],
    ],
  );
  const held = lines.find((l) => l.startsWith('job-held'))!;
  assert.ok(held.includes(String(fences['job-held'])));
  assert.match(held, / 20s +\d+(ms|\.\d+s|s) +\d{4}-\d\d-\d\dT.*Z +step 2\\nof 5$/);
});

test('--json: an array with one object per lock, each with key and fence', async () => {
  const { code, stdout } = await ls('--json', '--all');
  assert.equal(code, 0);
  const locks = JSON.parse(stdout) as { key: string; fence: number; state: string; owner: string; data?: string; leaseMs: number }[];
  assert.deepEqual(
    locks.map((l) => [l.key, l.fence, l.state]),
    [
      ['job-done', fences['job-done'], 'released'],
      ['job-held', fences['job-held'], 'held'],
      ['other-expired', fences['other-expired'], 'expired'],
    ],
  );
  assert.equal(locks[1]!.data, 'step 2\nof 5');
  assert.equal(locks[2]!.leaseMs, 1_000);
});

test('--prefix, --held, --stuck (and its old name --expired) filter; two state filters are a usage error', async () => {
  const keys = async (...args: string[]) => (JSON.parse((await ls('--json', ...args)).stdout) as { key: string }[]).map((l) => l.key);
  assert.deepEqual(await keys('--prefix', 'job-', '--all'), ['job-done', 'job-held']);
  assert.deepEqual(await keys('--prefix', 'job-'), ['job-held']);
  assert.deepEqual(await keys('--held'), ['job-held']);
  assert.deepEqual(await keys('--stuck'), ['other-expired']);
  assert.deepEqual(await keys('--expired'), ['other-expired']);
  const both = await ls('--held', '--stuck');
  assert.equal(both.code, 64);
  assert.equal(both.stderr, 'ddb-lock: give at most one of --held, --stuck and --all\n');
  assert.deepEqual(await keys('--prefix', 'nothing'), []);
  assert.equal((await ls('--prefix', 'nothing')).stdout, '(no locks)\n');
});
