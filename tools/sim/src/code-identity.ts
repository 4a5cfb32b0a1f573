import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifiedBundleHash, runtimeFingerprint } from '../../../bench/src/report/runtime-fingerprint.ts';
import { RUNTIME_SRC, SIM_ENTRY } from './runtime-bundle.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Which code a chunk of the long run exercised: what decides whether its scenarios still count. */
export interface CodeIdentity {
  /** `runtimeFingerprint()` (bench/src/report): the root entry bundled and minified, as the bench records it. */
  readonly runtime: string;
  /**
   * The same kind of hash over everything the simulator loads: the root entry plus the middleware,
   * the semaphore and the election, which the root entry does not import (so `runtime` alone would
   * keep counting old chunks after a semaphore or election change).
   */
  readonly simulated: string;
  /** The simulator's own sources (tools/sim/src): recorded, not compared (see `sameCode`). */
  readonly sim: string;
  /** The commit the chunk ran on, for the reader ('unknown' outside a git checkout). */
  readonly commit: string;
}

/**
 * Computes the identity of the code this checkout would simulate: three esbuild passes and a file
 * read, well under a second, so every session recomputes it rather than trusting a cache.
 *
 * @example
 * ```ts
 * const code = await codeIdentity();
 * if (!sameCode(chunk.code, code)) console.log('ran on older code');
 * ```
 */
export async function codeIdentity(): Promise<CodeIdentity> {
  const { fingerprint, commit } = await runtimeFingerprint();
  return { runtime: fingerprint, simulated: await simulatedFingerprint(), sim: simSourcesHash(), commit };
}

/**
 * Whether scenarios run on `a` count as evidence for `b`: the same runtime code, bundled the same.
 * A change of the simulator alone (`sim`) keeps them: they still ran the same client, only drawn or
 * judged by an older simulator — the report shows how many simulator versions the total spans.
 *
 * @example
 * ```ts
 * const current = ledger.chunks.filter((c) => sameCode(c.code, code));
 * ```
 */
export function sameCode(a: Pick<CodeIdentity, 'runtime' | 'simulated'>, b: Pick<CodeIdentity, 'runtime' | 'simulated'>): boolean {
  return a.runtime === b.runtime && a.simulated === b.simulated;
}

/** The entry `loadRuntimes` bundles, minified (comments and formatting do not count). */
function simulatedFingerprint(): Promise<string> {
  // loadRuntimes' entry, so tree-shaking keeps exactly the code the copies run.
  const stdin = { contents: SIM_ENTRY, resolveDir: RUNTIME_SRC, sourcefile: 'sim-fingerprint.ts', loader: 'ts' as const };
  return minifiedBundleHash({ stdin }, ['@aws-sdk/*', '@smithy/*', '@middy/*', '@aws-lambda-powertools/*', '@opentelemetry/*']);
}

/** The simulator's source files, by name and content, sorted so the order of the directory does not matter. */
function simSourcesHash(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(HERE).sort()) {
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(HERE, name)))
      .update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}
