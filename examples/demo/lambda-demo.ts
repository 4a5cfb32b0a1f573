/**
 * `npm start`: the example CDK app's Lambda worker, for real, on this machine.
 *
 * Synthesizes the example app (cdk synth, esbuild bundle), creates its lock table on an embedded
 * DynamoDB (dynalite on 127.0.0.1) from the template's key schema, and fires a burst of concurrent
 * invocations of the bundled handler through the Lambda-faithful local runner — some overrun their
 * timeout, one environment is killed mid-handler. Prints live progress, a summary, and writes a
 * timeline picture of which invocation held which lock when, and ends with `ddb-lock ls` on its table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InvocationResult, repoRoot, startLocalStack, synthesizeExampleApp } from '@ddb-lock/lambda-runner';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { clientSettings, getLock } from '../../runtime/src/admin/index.js';
import { printDdbLockLs } from './print-ddb-lock-ls.js';
import { type TimelineBar, timelineSvg } from './timeline-svg.js';

const TIMEOUT_S = 8;
const LEASE_MS = 3_000;
const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella'];

interface Planned {
  customerId: string;
  workMs: number;
  ignoreCancellation?: boolean;
  crash?: boolean;
  delayMs: number;
}

/**
 * Two waves of short jobs, three per customer then two per customer on warm environments;
 * umbrella's first job is killed mid-handler (its successor takes over after the lease), and
 * globex's last job overruns its timeout (its lock is released at the deadline, before the kill).
 */
function plan(): Planned[] {
  const jobs: Planned[] = [];
  CUSTOMERS.slice(0, 3).forEach((customerId, c) => {
    for (let i = 0; i < 3; i++) jobs.push({ customerId, workMs: 200 + (((c * 3 + i) * 41) % 150), delayMs: i * 30 + c * 10 });
    for (let i = 0; i < 2; i++) jobs.push({ customerId, workMs: 250, delayMs: 3_500 + i * 40 + c * 10 });
  });
  // umbrella's first job is alone with its lock when its environment is killed; the second waits.
  jobs.push({ customerId: 'umbrella', workMs: 3_000, crash: true, delayMs: 0 }, { customerId: 'umbrella', workMs: 250, delayMs: 300 });
  const globex = jobs.filter((j) => j.customerId === 'globex');
  Object.assign(globex[4]!, { workMs: 20_000, ignoreCancellation: true, delayMs: 5_000 });
  return jobs;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const local = await startDynalite();
  console.log(`embedded DynamoDB (dynalite) at ${local.endpoint}`);
  process.stdout.write('synthesizing the example CDK app (esbuild bundle of the withLock worker)… ');
  const assembly = await synthesizeExampleApp('demo', {
    'ddbLock:workerTimeoutSeconds': String(TIMEOUT_S),
    'ddbLock:leaseMs': String(LEASE_MS),
  });
  const stack = await startLocalStack(assembly, 'DdbLockExample', local.endpoint);
  console.log(
    `done\nfunction ${stack.fn.fn.logicalId}: ${stack.fn.fn.runtime}, timeout ${TIMEOUT_S} s, lease ${LEASE_MS} ms,` +
      ` table ${stack.tableName}\n`,
  );

  const jobs = plan();
  const counts = { running: 0, ok: 0, busy: 0, lost: 0, unavailable: 0, timedOut: 0, killed: 0 };
  const progress = () =>
    `  running ${counts.running}  done ${counts.ok}  busy ${counts.busy}  lost ${counts.lost}  unavailable` +
    ` ${counts.unavailable}  timed out ${counts.timedOut}  killed ${counts.killed}`;
  const live = process.stdout.isTTY ? setInterval(() => process.stdout.write(`\r${progress()}   `), 100) : undefined;
  const started = Date.now();
  const results = await Promise.all(
    jobs.map(async (job) => {
      await new Promise((r) => setTimeout(r, job.delayMs));
      counts.running++;
      const result = await stack.fn.invoke(
        { customerId: job.customerId, workMs: job.workMs, ignoreCancellation: job.ignoreCancellation },
        {
          onStart: (id) => {
            // Kill the environment once it really holds the lock, as an out-of-memory kill would.
            if (job.crash) void stack.heldByFunction(`customer#${job.customerId}`).then(() => setTimeout(() => stack.fn.crash(id), 200));
          },
        },
      );
      counts.running--;
      if (result.status === 'ok') counts.ok++;
      else if (result.status === 'crashed') counts.killed++;
      else if (result.status === 'timeout' || ['TimeoutError', 'LockDeadlineError'].includes(result.error?.errorType ?? ''))
        counts.timedOut++;
      else if (result.error?.errorType === 'LockBusyError') counts.busy++;
      else if (result.error?.errorType === 'LockUnavailableError') counts.unavailable++;
      else counts.lost++;
      if (!live) console.log(`${((Date.now() - started) / 1000).toFixed(2)}s ${job.customerId.padEnd(8)} ${describe(result)}`);
      return { job, result };
    }),
  );
  if (live) {
    clearInterval(live);
    process.stdout.write(`\r${progress()}\n`);
  }

  const bars: TimelineBar[] = [];
  console.log('\nper customer, in acquisition order:');
  for (const customer of CUSTOMERS) {
    const mine = results.filter((r) => r.job.customerId === customer);
    const held = mine
      .filter((r) => r.result.status === 'ok')
      .map((r) => r.result.result as { fence: number; startedAt: number; endedAt: number })
      .sort((a, b) => a.startedAt - b.startedAt);
    const increasing = held.every((h, i) => i === 0 || h.fence > held[i - 1]!.fence);
    const waited = mine.filter(
      (r) => r.result.status === 'ok' && (r.result.result as { startedAt: number }).startedAt - r.result.invokedAt! > 50,
    ).length;
    const info = await getLock(stack.admin, `customer#${customer}`);
    console.log(
      `  ${customer.padEnd(8)} ${held.length} completed (${waited} waited), fences` +
        ` ${held.map((h) => `…${String(h.fence).slice(-3)}`).join(' < ')}` +
        `  strictly increasing: ${increasing}; lock now ${info?.released ? 'released' : 'held'}`,
    );
    for (const { result } of mine) bars.push(...toBars(`customer#${customer}`, result, started));
  }
  const killed = results.find((r) => r.job.crash)!;
  const killedAt = killed.result.startedAt + killed.result.durationMs;
  const after = results
    .filter((r) => r.job.customerId === killed.job.customerId && r.result.status === 'ok')
    .map((r) => (r.result.result as { startedAt: number }).startedAt)
    .filter((t) => t > killedAt)
    .sort((a, b) => a - b)[0];
  console.log(
    `\nsummary: ${counts.ok} completed, ${counts.busy} busy, ${counts.lost} lost, ${counts.unavailable} unavailable,` +
      ` ${counts.timedOut} overran (lock released at the deadline, before the kill), ` +
      `${counts.killed} killed (its lock taken over` +
      ` ${after ? `${((after - killedAt) / 1000).toFixed(1)} s after the kill` : 'later'}: one lease,` +
      ` ${LEASE_MS / 1000} s, after its last heartbeat); ` +
      `${stack.fn.coldStarts} execution environments`,
  );

  console.log(metricsSummary(stack.fn.metrics));

  const outDir = join(repoRoot, 'demo-output');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'timeline.svg');
  writeFileSync(file, timelineSvg(bars, `ddb-lock demo: ${jobs.length} invocations of the withLock worker, ${CUSTOMERS.length} customers`));
  console.log(`timeline: ${file}`);
  await printDdbLockLs({
    repoRoot,
    endpoint: local.endpoint,
    tableName: stack.tableName,
    partitionKeyName: clientSettings(stack.admin).partitionKeyName,
  });
  await stack.close();
  await local.stop();
  console.log(`finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * What the functions reported through their Powertools metrics (EMF lines on stdout, as
 * CloudWatch would read them): acquire-wait percentiles, contended acquires, takeovers.
 */
function metricsSummary(emf: ReadonlyArray<Record<string, unknown>>): string {
  const values = (name: string) => emf.flatMap((m) => (typeof m[name] === 'number' ? [m[name] as number] : []));
  const waits = values('LockAcquireWait').sort((a, b) => a - b);
  const pct = (p: number) =>
    waits.length ? `${Math.round(waits[Math.min(waits.length - 1, Math.floor((p / 100) * waits.length))]!)} ms` : 'n/a';
  const count = (name: string) => values(name).reduce((a, b) => a + b, 0);
  return (
    `\nlock metrics (from the functions' EMF output): acquire wait p50 ${pct(50)}, p90 ${pct(90)}, max ${pct(100)}` +
    ` over ${waits.length} acquires; ` +
    `${count('LockContended')} contended, ${count('LockTakeover')} takeovers, ${count('LockBusy')} busy, ${count('LockLost')} lost`
  );
}

function describe(r: InvocationResult): string {
  if (r.status === 'ok') return `held fence …${String((r.result as { fence: number }).fence).slice(-3)} (${r.durationMs} ms)`;
  if (r.status === 'crashed') return 'environment killed mid-handler';
  if (r.status === 'timeout') return 'killed at the timeout';
  return `${r.error?.errorType}: ${r.error?.errorMessage}`;
}

function toBars(row: string, r: InvocationResult, origin: number): TimelineBar[] {
  const end = r.startedAt + r.durationMs - origin;
  const start = r.startedAt - origin;
  if (r.status === 'ok') {
    const res = r.result as { fence: number; startedAt: number; endedAt: number };
    return [
      { row, start: (r.invokedAt ?? r.startedAt) - origin, end: res.startedAt - origin, label: 'waiting', kind: 'waited' },
      { row, start: res.startedAt - origin, end: res.endedAt - origin, label: String(res.fence).slice(-2), kind: 'held' },
    ];
  }
  const what = r.status === 'error' ? (r.error?.errorType ?? 'error') : r.status;
  return [{ row, start, end, label: what, kind: 'failed' }];
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
