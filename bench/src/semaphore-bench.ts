import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS, serverFromEnvironment, startCountingProxy, startLocalServer } from '@ddb-lock/local-dynamo';
import { type Lock, LockClient } from '@ddb-lock/runtime';
import { ensureTable } from '@ddb-lock/runtime/admin';
import { Semaphore } from '@ddb-lock/runtime/semaphore';
import { headCommit } from './report/runtime-fingerprint.js';
import { AwsSampleSemaphore } from './semaphore/aws-sample-semaphore.js';

// Semaphores side by side (issue 22): ddb-lock's Semaphore and the AWS Step Functions sample's
// counter protocol. Requests per acquire + release with k of N held, counted at the wire, and
// what a holder that dies (no release, no heartbeat: from the table's side a SIGKILL) costs the
// others. `--quick` is the smoke size.

const quick = process.argv.includes('--quick');
const N = 4;
const LEASE_MS = quick ? 1_000 : 2_000;
const server = serverFromEnvironment();
const local = await startLocalServer(server);
const proxy = await startCountingProxy(local.endpoint);
const client = () => new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
const tableName = `semaphore-bench-${Date.now().toString(36)}`;
const locks = (leaseMs = LEASE_MS) => new LockClient({ tableName, client: client(), leaseMs, heartbeatMs: leaseMs / 4, pollMs: 100 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const total = () => Object.values(proxy.counts()).reduce((a, b) => a + b, 0);

async function measure(label: string, op: () => Promise<unknown>): Promise<string> {
  proxy.reset();
  await op();
  return `${total()} (${Object.entries(proxy.counts())
    .map(([o, n]) => `${n} ${o}`)
    .join(' + ')})${label ? ` ${label}` : ''}`;
}

/**
 * bench/results/semaphore.md: the table, with the code and the machine it came from, so the
 * figures the docs quote are a committed report of the code on main (bench/README.md links it).
 */
function writeReport(table: string, on: string): void {
  const out = join(dirname(fileURLToPath(import.meta.url)), '../results/semaphore.md');
  const commit = headCommit();
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const text = [
    '# Semaphores beside the AWS sample (`npm run bench:semaphore`, issue 22)',
    '',
    `Run ${new Date().toISOString()} on ${on} behind the counting proxy, commit ${commit.slice(0, 12)}, N = ${N},`,
    `lease ${LEASE_MS} ms; load average (1 / 5 / 15 min) at the end: ${load}. Requests counted at the wire per`,
    'acquire + release with k of N held; a holder that dies never renews and never releases (from the table: a',
    'SIGKILL), and another caller tries every 100 ms.',
    '',
    table,
    '',
  ].join('\n');
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}

try {
  await ensureTable(locks());
  const rows: string[][] = [];
  // Requests per acquire + release with k of N held.
  for (const k of [0, N / 2, N - 1]) {
    const ours = new Semaphore(locks(), `ours-k${k}`, { permits: N });
    const held: Lock[] = [];
    for (let i = 0; i < k; i++) held.push(await ours.acquire({ autoHeartbeat: false }));
    const oursCost = await measure('', async () => (await ours.acquire({ autoHeartbeat: false })).release());
    const sample = new AwsSampleSemaphore(client(), tableName, `sample-k${k}`, N);
    await sample.tryAcquire('warm-up'); // the first use creates the item; measured separately below
    await sample.release('warm-up');
    for (let i = 0; i < k; i++) await sample.tryAcquire(`held-${i}`);
    const sampleCost = await measure('', async () => {
      if (!(await sample.tryAcquire('me'))) throw new Error('the sample refused a free unit');
      await sample.release('me');
    });
    rows.push([`k = ${k} of N = ${N}`, oursCost, sampleCost]);
    for (const lock of held) await lock.release();
  }
  const firstUse = await measure('', async () => {
    const sample = new AwsSampleSemaphore(client(), tableName, 'sample-first', N);
    await sample.tryAcquire('me');
    await sample.release('me');
  });
  rows.push(['first use of a semaphore', 'no set-up write', firstUse]);

  // A holder dies holding the last free unit: how long until someone else gets in?
  const deadOurs = new Semaphore(locks(), 'ours-dead', { permits: 1 });
  await deadOurs.acquire({ autoHeartbeat: false }); // dies: never renews, never releases
  const diedAt = Date.now();
  const survivor = new Semaphore(locks(), 'ours-dead', { permits: 1 });
  let oursBack: number | undefined;
  while (oursBack === undefined && Date.now() - diedAt < 5 * LEASE_MS) {
    if (await survivor.tryAcquire({ autoHeartbeat: false })) oursBack = Date.now() - diedAt;
    else await sleep(100);
  }
  const deadSample = new AwsSampleSemaphore(client(), tableName, 'sample-dead', 1);
  await deadSample.tryAcquire('dies'); // never releases
  const sampleDiedAt = Date.now();
  let sampleBack: number | undefined;
  while (sampleBack === undefined && Date.now() - sampleDiedAt < 5 * LEASE_MS) {
    if (await deadSample.tryAcquire('survivor')) sampleBack = Date.now() - sampleDiedAt;
    else await sleep(100);
  }
  const recovered = (ms: number | undefined) =>
    ms === undefined ? `still held after ${5 * LEASE_MS} ms: leaked until a clean-up runs` : `back after ${ms} ms`;
  rows.push([`holder dies (lease ${LEASE_MS} ms, tryAcquire every 100 ms)`, recovered(oursBack), recovered(sampleBack)]);

  const header = ['', 'ddb-lock Semaphore', 'AWS sample counter'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  console.log(`semaphores on ${server}: requests per acquire + release, and a dead holder\n${table}`);
  if (oursBack === undefined || oursBack < LEASE_MS * 0.8)
    throw new Error(`ddb-lock's dead permit: ${recovered(oursBack)} (lease ${LEASE_MS})`);
  if (!quick) writeReport(table, server);
} finally {
  await proxy.stop();
  await local.stop();
}
process.exit(0);
