import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getLock } from '@ddb-lock/runtime/admin';
import { runBin, startBin, waitUntil } from './support/bin.js';
import { onRealDynamoDb, tableForThisFile } from './support/local-target.js';
import { type ProxiedRequest, recordingProxy, recordOperatorActions } from './support/recording-proxy.js';

// The on-call operator's first hour, through the real bin: a `ddb-lock run` holder is SIGKILLed;
// callers in new processes (`run --wait 0s`, skew-free) never take its lock over. The operator's
// commands go through a recording proxy: what they send is what the operator grant must allow
// (the construct's least-privilege check reads the same recording), and a refused action is named.
// A recording proxy needs a local server: against real DynamoDB this file does not run.
const CHILD = new URL('./fixtures/child.mjs', import.meta.url).pathname;
const ctx = tableForThisFile();
const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-cli-stuck-'));
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let denying: Awaited<ReturnType<typeof recordingProxy>>;
const operatorRequests: ProxiedRequest[] = [];
let stuckFence = 0;

const opts = { skip: onRealDynamoDb ? 'needs a local server behind the recording proxy' : false };
const flags = (endpoint: string) => ['--endpoint', endpoint, '--table', ctx.table.tableName];
/** An operator command through the proxy; its requests are kept for the grant check. */
async function operator(...args: string[]) {
  proxy.clear();
  const result = await runBin([...flags(proxy.endpoint), ...args], { env: ctx.target.env });
  operatorRequests.push(...proxy.requests());
  return { ...result, sent: proxy.requests().map((r) => r.operation) };
}
const runOnce = (key: string) => runBin([...ctx.table.flags, 'run', key, '--wait', '0s', '--', 'true'], { env: ctx.target.env });

before(async () => {
  await ctx.ready;
  if (onRealDynamoDb) return;
  proxy = await recordingProxy(ctx.target.endpoint!);
  denying = await recordingProxy(ctx.target.endpoint!, { refuse: ['UpdateItem'] });
  // A held, renewing lock and a released one beside the stuck one.
  await ctx.table.client().acquire('live-job', { data: 'request 7f3a' });
  await (await ctx.table.client().acquire('done-job')).release();
  // The holder: `ddb-lock run` with a 1.5 s lease, killed with SIGKILL while its command runs.
  const holder = startBin([...ctx.table.flags, 'run', 'stuck-job', '--lease', '1500ms', '--', process.execPath, CHILD, dir, 'trap'], {
    env: ctx.target.env,
  });
  const ready = await waitUntil(
    () => (existsSync(join(dir, 'ready')) ? readFileSync(join(dir, 'ready'), 'utf8') : undefined),
    20_000,
    () => 'the held command to start',
  );
  stuckFence = Number(JSON.parse(ready).fence);
  holder.process.kill('SIGKILL');
  // Its orphaned command holds the same stdout/stderr pipes: end it, or the bin's streams never close.
  process.kill(JSON.parse(ready).pid, 'SIGTERM');
  await holder.result;
  const info = await getLock(ctx.table.client(), 'stuck-job');
  // Past expiresAt and withLock's 1 s skew bound: wall-clock callers could take it over by now.
  await waitUntil(
    () => (Date.now() > info!.expiresAt + 1_100 ? true : undefined),
    5_000,
    () => 'the lease and the skew bound to pass by the wall clock',
  );
});

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  recordOperatorActions(import.meta.url, operatorRequests);
  await proxy?.close();
  await denying?.close();
});

test('callers in new processes never take the dead holder over: each watches afresh and gives up (exit 75)', opts, async () => {
  for (let i = 0; i < 2; i++) assert.equal((await runOnce('stuck-job')).code, 75);
});

test('ls lists the stuck lock by default, marked with how long ago it expired; --stuck and --held filter', opts, async () => {
  const { code, stdout, stderr, sent } = await operator('ls');
  assert.equal(code, 0, stderr);
  assert.deepEqual(sent, ['Scan']);
  const rows = stdout.trimEnd().split('\n').slice(1);
  assert.deepEqual(
    rows.map((r) => r.split(/\s+/)[0]),
    ['live-job', 'stuck-job'],
  );
  assert.match(rows[1]!, /^stuck-job +expired [\d.]+m?s ago \(unreleased\) +\S+:\d+#[0-9a-f]{8} /);
  assert.equal(stderr, '(1 released not shown: --all shows them)\n');
  const keys = async (...args: string[]) =>
    (JSON.parse((await operator('ls', '--json', ...args)).stdout) as { key: string }[]).map((l) => l.key);
  assert.deepEqual(await keys('--stuck'), ['stuck-job']);
  assert.deepEqual(await keys('--held'), ['live-job']);
  assert.deepEqual(await keys('--all'), ['done-job', 'live-job', 'stuck-job']);
  const [stuck] = JSON.parse((await operator('ls', '--json', '--stuck')).stdout) as { fence: number; expiredForMs: number }[];
  assert.equal(stuck!.fence, stuckFence);
  assert.ok(stuck!.expiredForMs > 0);
});

test('inspect answers from one read by default, in words true for skew-free and wall-clock callers', opts, async () => {
  const { code, stdout, stderr, sent } = await operator('inspect', 'stuck-job');
  assert.equal(code, 0, stderr);
  assert.deepEqual(sent, ['GetItem'], 'one ConsistentRead: no watching');
  assert.equal(stderr, '');
  assert.match(stdout, /^state +expired [\d.]+m?s ago \(unreleased\)$/m);
  assert.match(stdout, /^wall-clock callers +take it over now \(expiresAt \+ 1s skew bound passed [\d.]+m?s ago\)$/m);
  assert.match(stdout, /^skew-free callers +take it over only once one process has watched this record version unchanged for 1\.5s/m);
  assert.match(stdout, /never do$/m);
  assert.match(stdout, new RegExp(`^to free it now +ddb-lock release stuck-job --fence ${stuckFence} `, 'm'));
  const json = JSON.parse((await operator('inspect', 'stuck-job', '--json', '--max-skew', '30s')).stdout);
  assert.equal(json.verdict.verdict, 'unknown');
  assert.equal(json.takeover.wallClock.maxSkewMs, 30_000);
  assert.equal(json.takeover.skewFree.watchMs, 1_500);
  assert.ok(json.takeover.wallClock.inMs > 0, 'callers trusting 30 s of skew wait longer');
});

test('a refused permission is named: release with a grant lacking UpdateItem exits 77 naming the action', opts, async () => {
  const { code, stderr } = await runBin([...flags(denying.endpoint), 'release', 'stuck-job', '--fence', String(stuckFence)], {
    env: ctx.target.env,
  });
  assert.equal(code, 77);
  assert.match(
    stderr,
    new RegExp(
      `^ddb-lock: AWS refused dynamodb:UpdateItem on table "${ctx.table.tableName}": ` +
        'grant it, e\\.g\\. DistributedLockTable\\.grantLockOperation',
    ),
  );
  assert.deepEqual(
    denying.requests().map((r) => r.operation),
    ['GetItem', 'UpdateItem'],
  );
  assert.equal((await getLock(ctx.table.client(), 'stuck-job'))?.released, false);
});

test('release --fence frees it with GetItem and UpdateItem only; the next caller in a new process gets it', opts, async () => {
  const { code, stdout, stderr, sent } = await operator('release', 'stuck-job', '--fence', String(stuckFence));
  assert.equal(code, 0, stderr);
  assert.match(stdout, new RegExp(`^released stuck-job fence ${stuckFence} `));
  assert.deepEqual(sent, ['GetItem', 'UpdateItem']);
  assert.equal((await runOnce('stuck-job')).code, 0);
  assert.ok((await getLock(ctx.table.client(), 'stuck-job'))!.fence > stuckFence);
});

test('watch and force-release, the other operator commands, send nothing else', opts, async () => {
  const watching = startBin([...flags(proxy.endpoint), 'watch', 'live-job', '--interval', '100ms'], { env: ctx.target.env });
  await watching.waitForStdout(/"event":"seen"/);
  watching.process.kill('SIGINT');
  assert.equal((await watching.result).code, 0);
  const all = startBin([...flags(proxy.endpoint), 'watch', '--interval', '100ms'], { env: ctx.target.env });
  await all.waitForStdout(/"event":"seen"/);
  all.process.kill('SIGINT');
  assert.equal((await all.result).code, 0);
  operatorRequests.push(...proxy.requests());
  const forced = await operator('release', 'live-job', '--force', '--yes');
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(forced.sent, ['GetItem', 'UpdateItem']);
  // Everything the operator commands sent in this file: what grantLockOperation allows.
  assert.deepEqual([...new Set(operatorRequests.map((r) => r.operation))].sort(), ['GetItem', 'Scan', 'UpdateItem']);
  assert.ok(operatorRequests.every((r) => r.table === ctx.table.tableName));
});
