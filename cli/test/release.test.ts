import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { getLock } from '@ddb-lock/runtime/admin';
import { runBin, waitUntil } from './support/bin.js';
import { tableForThisFile } from './support/local-target.js';
import { startBinOnPty } from './support/pty.js';

// `ddb-lock release` through the real bin. Scenario 28: a forced release never breaks fencing.
const ctx = tableForThisFile();

const release = (...args: string[]) => runBin([...ctx.table.flags, 'release', ...args], { env: ctx.target.env });

test("--fence N releases that grant; its holder learns at its next heartbeat; the next grant's fence is larger", async () => {
  const holder = ctx.table.client({ leaseMs: 2_000, heartbeatMs: 200 });
  const lock = await holder.acquire('by-fence');
  const lost = new Promise<string>((resolve) => lock.on('lost', (e: { reason: string }) => resolve(e.reason)));
  const { code, stdout, stderr } = await release('by-fence', '--fence', String(lock.fence));
  assert.equal(code, 0, stderr);
  assert.equal(stdout, `released by-fence fence ${lock.fence} (owner ${lock.owner})\n`);
  assert.equal(await lost, 'stolen');
  const item = await getLock(holder, 'by-fence');
  assert.equal(item?.released, true);
  assert.equal(item?.fence, lock.fence, 'the item is kept: the fence survives');
  const next = await ctx.table.client().acquire('by-fence', { waitMs: 0 });
  assert.ok(next.fence > lock.fence);
  // Releasing a grant that is already released is not an error.
  const again = await release('by-fence', '--fence', String(lock.fence));
  assert.equal(again.code, 65, 'a newer grant holds it now');
});

test('--fence of an older grant refuses (65) and leaves the newer grant untouched', async () => {
  const first = await ctx.table.client().acquire('newer');
  await first.release();
  const second = await ctx.table.client({ leaseMs: 20_000 }).acquire('newer');
  const before = await getLock(ctx.table.client(), 'newer');
  const { code, stdout, stderr } = await release('newer', '--fence', String(first.fence));
  assert.equal(code, 65);
  assert.equal(stdout, '');
  assert.equal(
    stderr,
    `ddb-lock: lock newer is at fence ${second.fence} (owner ${second.owner}), not ${first.fence}: refusing to release another grant\n`,
  );
  assert.deepEqual(await getLock(ctx.table.client(), 'newer'), before);
  assert.equal(second.isValid(), true);
});

test('--fence of a released grant says so (0); of no lock at all refuses (65)', async () => {
  const lock = await ctx.table.client().acquire('done');
  await lock.release();
  assert.deepEqual(await release('done', '--fence', String(lock.fence)), {
    code: 0,
    signal: null,
    stdout: `lock done fence ${lock.fence} was already released\n`,
    stderr: '',
  });
  const none = await release('never', '--fence', '12');
  assert.equal(none.code, 65);
  assert.equal(none.stderr, 'ddb-lock: no lock item for never: nothing holds fence 12\n');
});

test('--force without --yes refuses when stdin is not a terminal (64) and changes nothing', async () => {
  const lock = await ctx.table.client({ leaseMs: 20_000 }).acquire('forced');
  const before = await getLock(ctx.table.client(), 'forced');
  const { code, stdout, stderr } = await release('forced', '--force');
  assert.equal(code, 64);
  assert.equal(stdout, '');
  assert.equal(stderr, 'ddb-lock: refusing --force without --yes: stdin is not a terminal to confirm on\n');
  assert.deepEqual(await getLock(ctx.table.client(), 'forced'), before);
  assert.equal(lock.isValid(), true);
});

test('--force --yes releases whichever grant holds it, writes an audit line, and fencing holds: the next fence is larger', async () => {
  const holder = ctx.table.client({ leaseMs: 2_000, heartbeatMs: 200 });
  const lock = await holder.acquire('audited', { data: 'payload' });
  const lost = new Promise<string>((resolve) => lock.on('lost', (e: { reason: string }) => resolve(e.reason)));
  const { code, stdout, stderr } = await release('audited', '--force', '--yes');
  assert.equal(code, 0, stderr);
  assert.equal(stdout, `released audited fence ${lock.fence} (owner ${lock.owner})\n`);
  assert.match(
    stderr,
    new RegExp(
      `^ddb-lock audit: forced release by=\\S+@\\S+ key="audited" owner="${lock.owner}" fence=${lock.fence}` +
        ' at=\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z result=released\\n$',
    ),
  );
  assert.equal(await lost, 'stolen');
  // The holder's late writes fail their conditions: its fence no longer holds the item.
  assert.equal(await lock.release(), false);
  const next = await ctx.table.client().acquire('audited', { waitMs: 0 });
  assert.ok(next.fence > lock.fence, `${next.fence} > ${lock.fence}`);
  const nothing = await release('audited-never', '--force', '--yes');
  assert.deepEqual([nothing.code, nothing.stdout], [0, 'lock audited-never is not held: nothing to release\n']);
});

test('--force on a terminal asks first: "n" keeps the lock (exit 1), "y" releases it', async () => {
  const lock = await ctx.table.client({ leaseMs: 20_000 }).acquire('asked');
  const no = startBinOnPty([...ctx.table.flags, 'release', 'asked', '--force'], { env: ctx.target.env });
  after(() => no.process.kill('SIGKILL'));
  await no.waitForStdout(
    new RegExp(`Force-release lock asked held by ${lock.owner} \\(fence ${lock.fence}, held, last beat \\S+ ago\\)\\? \\[y/N\\] `),
  );
  no.write('n\n');
  assert.equal((await no.result).code, 1);
  assert.match(no.stdout(), /not released/);
  assert.equal((await getLock(ctx.table.client(), 'asked'))?.released, false);
  const yes = startBinOnPty([...ctx.table.flags, 'release', 'asked', '--force'], { env: ctx.target.env });
  after(() => yes.process.kill('SIGKILL'));
  await yes.waitForStdout(/\[y\/N\] /);
  yes.write('y\n');
  assert.equal((await yes.result).code, 0);
  assert.match(yes.stdout(), /ddb-lock audit: forced release .* result=released/);
  await waitUntil(
    async () => ((await getLock(ctx.table.client(), 'asked'))?.released ? true : undefined),
    5_000,
    () => 'the release',
  );
});
