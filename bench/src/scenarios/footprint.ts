import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type BundleSize, bundleHandler } from '../footprint/bundle.js';
import { type Summary, summarize } from '../stats/summary.js';
import type { BenchContext } from './context.js';

/** Scenario 6: what a lock adds to a Lambda bundle and to its cold start. */
export interface FootprintResult {
  readonly handler: string;
  readonly label: string;
  readonly size: BundleSize;
  /** Bytes over the bare handler's bundle. */
  readonly addedBytes: number;
  /** Import time of the bundle in a fresh Node process. */
  readonly initMs: Summary;
  /** Init time over the bare handler's, paired by spawn (bare and this one alternate). */
  readonly addedInitMs: Summary;
}

const HANDLERS = [
  { handler: 'bare', label: 'bare handler (middy + DynamoDBClient)' },
  { handler: 'with-lock', label: 'with ddb-lock withLock' },
  { handler: 'idempotency', label: 'with Powertools makeHandlerIdempotent' },
] as const;

const run = promisify(execFile);
const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export async function runFootprint(ctx: BenchContext): Promise<FootprintResult[]> {
  // Inside the repo so the external SDK resolves from node_modules, as /var/runtime does on Lambda.
  const outDir = src('../../out/');
  mkdirSync(outDir, { recursive: true });
  try {
    const sizes: Record<string, BundleSize> = {};
    for (const { handler } of HANDLERS) {
      sizes[handler] = await bundleHandler(src(`../footprint/handlers/${handler}.ts`), `${outDir}${handler}.mjs`);
    }
    const init: Record<string, number[]> = Object.fromEntries(HANDLERS.map((h) => [h.handler, []]));
    for (let i = 0; i < ctx.config.initSpawns; i++) {
      ctx.log(`footprint: init spawn ${i + 1}/${ctx.config.initSpawns}`);
      // Alternate the bundles so each paired difference sees the same machine state.
      for (const { handler } of HANDLERS) init[handler]!.push(await importMs(`${outDir}${handler}.mjs`));
    }
    return HANDLERS.map(({ handler, label }) => ({
      handler,
      label,
      size: sizes[handler]!,
      addedBytes: sizes[handler]!.bytes - sizes.bare!.bytes,
      initMs: summarize(init[handler]!),
      addedInitMs: summarize(init[handler]!.map((ms, i) => ms - init.bare![i]!)),
    }));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function importMs(bundle: string): Promise<number> {
  const { stdout } = await run(process.execPath, [src('../footprint/init-probe.mjs'), pathToFileURL(bundle).href], {
    // Fake region and credentials: nothing in init may reach for the network or the credential chain.
    env: { ...process.env, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', NODE_OPTIONS: '' },
    timeout: 30_000,
  });
  return (JSON.parse(stdout) as { importMs: number }).importMs;
}
