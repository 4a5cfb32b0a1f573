import { cpus } from 'node:os';
import { LOCAL_SERVERS, type LocalServerName, motoSkipReason } from '@ddb-lock/local-dynamo';
import { benchConfig } from './config.js';
import { contenders } from './contenders/registry.js';
import { type BenchEnv, startBenchEnv } from './env/bench-env.js';
import { dynamoDbClient } from './env/sdk-clients.js';
import { createTable } from './env/tables.js';
import { writeServerReport } from './report/server-report.js';
import type { BenchContext } from './scenarios/context.js';
import { runLatency } from './scenarios/latency.js';
import { runRequests } from './scenarios/requests.js';
import { killAllChildren } from './util/children.js';
import { installedVersions } from './versions.js';

/**
 * `npm run bench:moto [-- --quick]` (`tsx src/run-on-server.ts moto`): scenarios 1 (requests per
 * operation) and 2 (latency) on another server than the default dynalite, through the same
 * counting proxy. On moto, which returns the holder with a refused write as DynamoDB does, the
 * one-request contended attempt is measured rather than projected. Without moto it prints one
 * line and exits 0, except under CI=true (moto required: exit 1).
 */
const server = process.argv[2] as LocalServerName;
if (!LOCAL_SERVERS.includes(server)) throw new Error(`usage: run-on-server.ts ${LOCAL_SERVERS.join('|')} [--quick]`);
const quick = process.argv.includes('--quick');
const began = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}`);

let exitCode = 0;
let env: BenchEnv | undefined;
try {
  const skip = server === 'moto' ? motoSkipReason() : undefined;
  if (skip) {
    console.log(skip.replace('moto suites', 'bench on moto'));
  } else {
    env = await startBenchEnv(server);
    log(`${server} + counting proxy at ${env.endpoint} (${quick ? 'quick' : 'full'} mode; scenarios 1 and 2)`);
    const setup = dynamoDbClient(env.endpoint, 'setup');
    for (const kind of contenders) await createTable(setup, kind.table);
    setup.destroy();
    const ctx: BenchContext = { env, config: benchConfig(quick), log };
    const requests = await runRequests(ctx);
    const latency = await runLatency(ctx);
    const written = writeServerReport({
      server,
      quick,
      requests,
      latency,
      startedAt: new Date(Date.now() - (performance.now() - began)).toISOString(),
      machine: {
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        platform: `${process.platform}-${process.arch}`,
      },
      versions: installedVersions(),
      contenders: contenders.map(({ id, label }) => ({ id, label })),
      durationS: { total: +((performance.now() - began) / 1000).toFixed(1) },
    });
    log(`wrote ${written.join(', ')}`);
  }
} catch (error) {
  console.error(`bench on ${server} failed:`, error);
  exitCode = 1;
} finally {
  await env?.stop().catch(() => undefined);
  await killAllChildren();
}
// Peers' keep-alive agents and timers would hold the process open; everything we started is stopped.
process.exit(exitCode);
