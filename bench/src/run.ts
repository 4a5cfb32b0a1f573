import { cpus } from 'node:os';
import { benchConfig } from './config.js';
import { contenders } from './contenders/registry.js';
import { type BenchEnv, startBenchEnv } from './env/bench-env.js';
import { dynamoDbClient } from './env/sdk-clients.js';
import { createTable } from './env/tables.js';
import { runtimeFingerprint } from './report/runtime-fingerprint.js';
import { writeReport } from './report/write-report.js';
import { DONE, rerun } from './rerun.js';
import type { BenchResults } from './results.js';
import type { BenchContext } from './scenarios/context.js';
import { runFootprint } from './scenarios/footprint.js';
import { runHandoff } from './scenarios/handoff.js';
import { runLatency } from './scenarios/latency.js';
import { runRequests } from './scenarios/requests.js';
import { runScaling } from './scenarios/scaling.js';
import { runShortTakeover } from './scenarios/short-takeover.js';
import { runTakeover } from './scenarios/takeover.js';
import { runThroughput } from './scenarios/throughput.js';
import { totalOf } from './stats/request-counts.js';
import { killAllChildren } from './util/children.js';
import { installedVersions } from './versions.js';

/**
 * `npm run bench [-- --quick] [-- --only latency,takeover,short-takeover]`: every scenario on one
 * dynalite behind the counting proxy, then the report. `--only` re-runs just the named
 * scenarios (those that need no other's figures) into the last results of the same mode and
 * rewrites the report from them. Fails (exit 1) only on errors, never on figures. Whatever
 * happens, every server and child process it started is stopped before it exits.
 */
const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
const config = benchConfig(quick);
const began = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}`);

// A peer that rejects inside its own timer (nobody can catch it) must not end the run: record it.
const peerErrors: string[] = [];
process.on('unhandledRejection', (reason) => {
  const message = `${(reason as Error)?.name ?? 'Error'}: ${(reason as Error)?.message ?? String(reason)}`;
  if (peerErrors.length < 50) peerErrors.push(message);
});

let env: BenchEnv | undefined;
let exitCode = 0;
try {
  env = await startBenchEnv();
  log(`dynalite + counting proxy at ${env.endpoint} (${quick ? 'quick' : 'full'} mode)`);
  const setup = dynamoDbClient(env.endpoint, 'setup');
  for (const kind of contenders) await createTable(setup, kind.table);
  setup.destroy();

  const ctx: BenchContext = { env, config, log };
  const durationS: Record<string, number> = {};
  const timed = async <T>(name: string, scenario: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await scenario();
    durationS[name] = +((performance.now() - t) / 1000).toFixed(1);
    return result;
  };
  if (only) {
    const written = writeReport(await rerun(only, ctx, timed, durationS));
    log(`wrote ${written.join(', ')}`);
    throw DONE;
  }
  const requests = await timed('requests', () => runRequests(ctx));
  const latency = await timed('latency', () => runLatency(ctx));
  const throughput = await timed('throughput', () => runThroughput(ctx));
  // Waiting costs are counted beyond what each library spends on an uncontended acquire+release.
  const uncontended = Object.fromEntries(
    requests.map((r) => [r.contender, totalOf(Object.fromEntries(Object.entries(r.reused ?? r.fresh).map(([op, s]) => [op, s.median])))]),
  );
  const handoff = await timed('handoff', () => runHandoff(ctx, uncontended));
  const takeover = await timed('takeover', () => runTakeover(ctx));
  const shortTakeover = await timed('short-takeover', () => runShortTakeover(ctx));
  const footprint = await timed('footprint', () => runFootprint(ctx));
  const scaling = await timed('scaling', () => runScaling(ctx));
  durationS.total = +((performance.now() - began) / 1000).toFixed(1);

  const results: BenchResults = {
    startedAt: new Date(Date.now() - (performance.now() - began)).toISOString(),
    runtime: await runtimeFingerprint(),
    quick,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: `${process.platform}-${process.arch}`,
    },
    versions: installedVersions(),
    contenders: contenders.map(({ id, label }) => ({ id, label })),
    requests,
    latency,
    throughput,
    handoff,
    takeover,
    shortTakeover,
    footprint,
    scaling,
    peerErrors,
    durationS,
  };
  const written = writeReport(results);
  log(`wrote ${written.join(', ')}`);
  if (peerErrors.length) log(`peers raised ${peerErrors.length} error(s) outside our calls (see the report)`);
} catch (error) {
  if (error !== DONE) {
    console.error('bench failed:', error);
    exitCode = 1;
  }
} finally {
  await env?.stop().catch(() => undefined);
  await killAllChildren();
}
log(`done in ${((performance.now() - began) / 1000).toFixed(1)} s`);
// Peers' keep-alive agents and timers would hold the process open; everything we started is stopped.
process.exit(exitCode);
