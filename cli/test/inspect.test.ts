import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBin } from './support/bin.js';
import { createTable, tableForThisFile } from './support/local-target.js';

// `ddb-lock inspect` through the real bin: one read and the takeover outlook by default; with
// --watch the skew-free verdict (the record version watched for a full lease), with progress on
// stderr, against live, silent, released and absent holders.
const ctx = tableForThisFile();

const inspect = (...args: string[]) => runBin([...ctx.table.flags, 'inspect', ...args], { env: ctx.target.env });

test('--watch: a holder that stopped heartbeating is "stale" after one lease of watching; a waiter then takes it over', async () => {
  const silent = ctx.table.client({ leaseMs: 1_500, heartbeatMs: 0 });
  const lock = await silent.acquire('silent');
  const { code, stdout, stderr } = await inspect('silent', '--watch');
  assert.equal(code, 0, stderr);
  assert.match(stdout, new RegExp(`^fence +${lock.fence}$`, 'm'));
  assert.match(stdout, /^verdict +stale: record version unchanged for 1\.5s \(a full lease\) on this machine's monotonic clock/m);
  assert.match(stdout, /a skew-free caller that has watched as long in one process takes it over now$/m);
  assert.match(stderr, /^watching record version [0-9a-f-]{36} for up to one lease…\n(watched [\d.]+m?s of 1\.5s\n)+$/);
  assert.match(stderr, /watched 1\.5s of 1\.5s\n$/);
  // The same rule in the client: a waiter that watches a lease takes it over.
  const next = await ctx.table.client({ leaseMs: 1_500 }).acquire('silent', { waitMs: 10_000 });
  assert.ok(next.fence > lock.fence);
});

test('--watch: a heartbeating holder is "alive" as soon as its record version changes', async () => {
  const live = await ctx.table.client({ leaseMs: 4_000, heartbeatMs: 300 }).acquire('live');
  const { code, stdout, stderr } = await inspect('live', '--json', '--watch');
  assert.equal(code, 0, stderr);
  const out = JSON.parse(stdout) as { key: string; fence: number; verdict: { verdict: string; reason: string; afterMs: number } };
  assert.equal(out.fence, live.fence);
  assert.equal(out.verdict.verdict, 'alive');
  assert.equal(out.verdict.reason, 'heartbeat');
  assert.ok(out.verdict.afterMs < 4_000);
});

test('released, absent, and a held lock by default: no watching', async () => {
  const lock = await ctx.table.client().acquire('done');
  await lock.release();
  const released = await inspect('done', '--watch');
  assert.match(released.stdout, /^state +released$/m);
  assert.match(released.stdout, /^verdict +free \(released\)$/m);
  assert.equal(released.stderr, '');
  const absent = await inspect('never', '--json');
  assert.deepEqual(JSON.parse(absent.stdout), { key: 'never', verdict: { verdict: 'free', reason: 'no item' } });
  await ctx.table.client().acquire('held');
  const unwatched = await inspect('held');
  assert.match(unwatched.stdout, /^verdict +not watched: --watch tells a live holder from a dead one/m);
  assert.match(
    unwatched.stdout,
    /^wall-clock callers +take it over in [\d.]+s, at \S+Z \(expiresAt \+ 1s skew bound\), unless the holder renews$/m,
  );
  assert.equal(unwatched.stderr, '');
  // The old flag still parses (scripts written for the watching default).
  assert.equal((await inspect('held', '--no-watch')).code, 0);
});

test('the waiters queued for a lock (fair waiting), first in line first', async () => {
  const holder = await ctx.table.client().acquire('queued');
  const stop = new AbortController();
  const waiting: Promise<unknown>[] = [];
  for (const ownerName of ['first', 'second']) {
    waiting.push(
      ctx.table
        .client({ ownerName })
        .acquire('queued', { waitMs: 30_000, signal: stop.signal, fair: true })
        .catch(() => undefined),
    );
    // One at a time, so the queue's order is known.
    for (let i = 0; i < 200 && !(await inspect('queued', '--no-watch')).stdout.includes(`${ownerName}:`); i++);
  }
  const { stdout } = await inspect('queued', '--no-watch');
  assert.match(
    stdout,
    /^waiters +2 queued: 1\. first:[0-9a-f]{8} \(place [\d.]+m?s left\), 2\. second:[0-9a-f]{8} \(place [\d.]+m?s left\)$/m,
  );
  const json = JSON.parse((await inspect('queued', '--no-watch', '--json')).stdout) as { waiters: { id: string }[] };
  assert.deepEqual(
    json.waiters.map((w) => w.id.split(':')[0]),
    ['first', 'second'],
  );
  stop.abort();
  await Promise.all(waiting);
  assert.match((await inspect('queued', '--no-watch')).stdout, /^waiters +none$/m);
  await holder.release();
});

test('tables with a sort key: --sort-key-name and --sort-key', async () => {
  const sorted = await createTable(ctx.target, { sortKeyName: 'sk' });
  try {
    await sorted.client().acquire('orders', { sortKey: 'customer#42' });
    const { code, stdout, stderr } = await runBin([...sorted.flags, 'inspect', 'orders', '--sort-key', 'customer#42'], {
      env: ctx.target.env,
    });
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^lock +orders customer#42$/m);
    assert.match(stdout, /^to free it now +ddb-lock release orders --sort-key customer#42 --fence \d+ /m);
    const missing = await runBin([...sorted.flags, 'inspect', 'orders'], { env: ctx.target.env });
    assert.equal(missing.code, 64);
    assert.equal(missing.stderr, 'ddb-lock: the table has a sort key (--sort-key-name sk): pass --sort-key VALUE\n');
  } finally {
    await sorted.delete();
  }
});
