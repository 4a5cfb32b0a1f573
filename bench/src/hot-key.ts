import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './config.js';
import { ddbLock } from './contenders/ddb-lock.js';
import { type BenchEnv, startBenchEnv } from './env/bench-env.js';
import { dynamoDbClient } from './env/sdk-clients.js';
import { createTable } from './env/tables.js';
import { type HotKeyResult, type HotKeyRow, hotKeyTable, runHotKeyRow } from './scenarios/hot-key.js';

/**
 * `npm run bench:hot-key [-- --quick]`: the hot-key table of issue 25 (C clients on one key,
 * hold 20 ms, think after release), barging and fair, on dynalite behind the counting proxy.
 * Writes bench/results/hot-key.md (full mode) and prints the table. Not part of `npm run bench`.
 */
const quick = process.argv.includes('--quick');
// The runs were 30 s a row; HOT_KEY_WINDOW_MS shortens them (a busy shared machine).
const windowMs = quick ? 4_000 : Number(process.env.HOT_KEY_WINDOW_MS ?? 30_000);
const rows: HotKeyRow[] = quick
  ? [{ clients: 8, thinkMs: 0 }]
  : [
      { clients: 30, thinkMs: 0 },
      { clients: 30, thinkMs: 50 },
      { clients: 8, thinkMs: 200 },
    ];
const began = performance.now();
const log = (message: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}`);
let env: BenchEnv | undefined;
try {
  env = await startBenchEnv();
  const setup = dynamoDbClient(env.endpoint, 'setup');
  await createTable(setup, ddbLock.table);
  setup.destroy();
  const ctx = { env, config: benchConfig(quick), log };
  const results: HotKeyResult[] = [];
  const load: number[] = [];
  for (const row of rows) {
    for (const fair of [false, true]) {
      results.push(await runHotKeyRow(ctx, row, fair, windowMs));
      load.push(loadavg()[0]!);
    }
  }
  const table = hotKeyTable(results);
  console.log(table);
  if (!quick) {
    const out = join(dirname(fileURLToPath(import.meta.url)), '../results/hot-key.md');
    mkdirSync(dirname(out), { recursive: true });
    const loads = load.map((l) => l.toFixed(1)).join(', ');
    writeFileSync(
      out,
      [
        '# Hot key (issue 25)',
        '',
        `C clients in one process, each its own LockClient, loop on one key for ${windowMs / 1000} s: acquire (waiting up to the`,
        "window's end), hold 20 ms, release, think. Lease 5 s, default polling (pollMs 1 s). dynalite behind the counting",
        `proxy; 1-minute load average after each row: ${loads}. Waits still open at the window's end count with their length so far.`,
        '',
        table,
        '',
        '```json',
        JSON.stringify(results, null, 1),
        '```',
        '',
      ].join('\n'),
    );
    log(`wrote ${out}`);
  }
} finally {
  await env?.stop();
}
