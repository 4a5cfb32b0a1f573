import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BuildOptions, buildSync } from 'esbuild';

const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The runtime's sources, which the bundles are built from. */
export const RUNTIME_SRC = join(BENCH_DIR, '../runtime/src');
const ENTRIES = { index: 'index.ts', protocol: 'protocol/index.ts' } as const;

let built: string | undefined;

/**
 * ddb-lock's code as its users run it: runtime/src bundled once per process by esbuild (ESM,
 * not minified, the AWS SDK left external so the bench's own SDK clients and error classes are
 * the ones it uses), not compiled on the fly by tsx. tsx compiles with `keepNames`, wrapping
 * every function, closure and class of the repo's TypeScript in a `__name(…)` call at each
 * creation; only ddb-lock paid that in the latency scenario's CPU column — the peers load as
 * plain JavaScript from node_modules, and neither a NodejsFunction bundle nor the package's
 * compiled `lib/` contains it (issue 10, measured: about 50 µs per acquire+release). The bundle
 * sits under bench/node_modules/.cache, from where `@aws-sdk/*` resolves to the workspace's.
 *
 * @example
 * ```ts
 * const { LockClient } = await importRuntime('index');
 * ```
 */
export async function importRuntime<K extends keyof typeof ENTRIES>(
  entry: K,
): Promise<K extends 'index' ? typeof import('../../../runtime/src/index.js') : typeof import('../../../runtime/src/protocol/index.js')> {
  built ??= build();
  return import(pathToFileURL(join(built, `${entry}.js`)).href);
}

function build(): string {
  const outdir = bundleDir('ddb-lock-bench');
  buildSync(runtimeBundleOptions(outdir));
  return outdir;
}

/** Folders made by bundleDir in this process, removed together when it exits. */
const bundleDirs = new Set<string>();

/**
 * A per-process folder under bench/node_modules/.cache (from where `@aws-sdk/*` resolves to the
 * workspace's), removed when the process exits.
 *
 * @example
 * ```ts
 * const outdir = bundleDir('cpu-ledger/no-request-signal');
 * ```
 */
export function bundleDir(name: string): string {
  const outdir = join(BENCH_DIR, 'node_modules/.cache', name, String(process.pid));
  mkdirSync(outdir, { recursive: true });
  // One exit listener for all of them: the CPU ledger makes a folder per ablation.
  if (bundleDirs.size === 0) {
    process.once('exit', () => {
      for (const dir of bundleDirs) rmSync(dir, { recursive: true, force: true });
    });
  }
  bundleDirs.add(outdir);
  return outdir;
}

/**
 * esbuild options of the runtime bundle (entries `index.js` and `protocol/index.js` in
 * `outdir`): ESM, not minified, the AWS SDK left external. Shared with the CPU ledger, which
 * builds variants of the same bundle.
 *
 * @example
 * ```ts
 * buildSync(runtimeBundleOptions(bundleDir('ddb-lock-bench')));
 * ```
 */
export function runtimeBundleOptions(outdir: string): BuildOptions {
  return {
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(RUNTIME_SRC, file)])),
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: ['@aws-sdk/*'],
    logLevel: 'error',
  };
}
