import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

const RUNTIME_SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'runtime', 'src');

/**
 * What the benchmark measured, as a code fingerprint: the SHA-256 of the runtime's root entry point
 * (`runtime/src/index.ts`: the client, the lock, the protocol, fencing) bundled and minified by esbuild, the
 * AWS SDK left out. Minifying drops comments and formatting, so a documentation edit keeps the
 * fingerprint and any change to the code the acquire/heartbeat/release path runs changes it. The bench
 * records it (with the commit) in results/latest.json; the docs' freshness check recomputes it and fails
 * when the two differ, so a report of older code cannot ship.
 *
 * @example
 * ```ts
 * const { fingerprint, commit } = await runtimeFingerprint();
 * ```
 */
export async function runtimeFingerprint(): Promise<{ fingerprint: string; commit: string }> {
  const fingerprint = await minifiedBundleHash({ entryPoints: [join(RUNTIME_SRC, 'index.ts')] }, ['@aws-sdk/*', '@smithy/*']);
  return { fingerprint, commit: headCommit() };
}

/**
 * The commit checked out (`unknown` outside a git checkout, where a fingerprint alone decides): what
 * a committed report says it measured.
 *
 * @example
 * ```ts
 * console.log(`measured at ${headCommit().slice(0, 12)}`);
 * ```
 */
export function headCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: RUNTIME_SRC, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * `sha256:<hex>` of `entry` bundled and minified exactly as `runtimeFingerprint` bundles the root
 * entry, `external` left out: the simulator's long-run ledger hashes everything it loads this way.
 *
 * @example
 * ```ts
 * const hash = await minifiedBundleHash({ entryPoints: ['runtime/src/semaphore/index.ts'] }, ['@aws-sdk/*']);
 * ```
 */
export async function minifiedBundleHash(entry: Pick<BuildOptions, 'entryPoints' | 'stdin'>, external: string[]): Promise<string> {
  const out = await build({
    ...entry,
    bundle: true,
    minify: true,
    legalComments: 'none',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external,
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no bundle of ${entry.stdin?.sourcefile ?? String(entry.entryPoints)}`);
  return `sha256:${createHash('sha256').update(code).digest('hex')}`;
}
