import { join } from 'node:path';
import { RUNTIME_ENTRY_POINTS } from '../../projenrc/entry-points.ts';
import { repoRoot } from './paths.ts';

/** One public entry point: its import specifier and the source file TypeDoc reads. */
export interface EntryPoint {
  /** e.g. `@ddb-lock/runtime/middy`. */
  specifier: string;
  /** Absolute path of the entry point's source index. */
  source: string;
}

/**
 * The runtime's public entry points, from the one list (projenrc/entry-points.ts) that also makes
 * the package's `exports`: each documented from its source index. A new subpath added there appears
 * in the API reference by itself, and the site build fails if TypeDoc makes no page for one.
 *
 * @example
 * ```ts
 * runtimeEntryPoints().map((e) => e.specifier); // ['@ddb-lock/runtime', '@ddb-lock/runtime/middy', …]
 * ```
 */
export function runtimeEntryPoints(): EntryPoint[] {
  return RUNTIME_ENTRY_POINTS.map(({ subpath }) => ({
    specifier: `@ddb-lock/runtime${subpath}`,
    source: join(repoRoot, 'runtime', 'src', subpath, 'index.ts'),
  }));
}
