import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

/**
 * Subpaths of `@ddb-lock/runtime` that are exported but not public API, so not documented. One line
 * each; every other subpath in the runtime's package.json `exports` is documented automatically.
 */
export const UNDOCUMENTED_SUBPATHS = ['./protocol'];

/** One public entry point: its import specifier and the source file TypeDoc reads. */
export interface EntryPoint {
  /** e.g. `@ddb-lock/runtime/middy`. */
  specifier: string;
  /** Absolute path of the TypeScript source behind the export's `types`. */
  source: string;
}

/**
 * The runtime's public entry points, read from its package.json `exports` (the one list a user's
 * resolver sees), each mapped from its declaration file back to its source through the runtime's
 * tsconfig (`outDir` → `rootDir`). A new subpath in `exports` appears in the API reference by itself.
 *
 * @example
 * ```ts
 * runtimeEntryPoints().map((e) => e.specifier); // ['@ddb-lock/runtime', '@ddb-lock/runtime/middy', …]
 * ```
 */
export function runtimeEntryPoints(): EntryPoint[] {
  const dir = join(repoRoot, 'runtime');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  const { compilerOptions } = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { outDir: string; rootDir: string };
  };
  const out = compilerOptions.outDir.replace(/^\.\//, '');
  const root = compilerOptions.rootDir.replace(/^\.\//, '');
  return Object.entries(pkg.exports)
    .filter(([subpath]) => !UNDOCUMENTED_SUBPATHS.includes(subpath) && subpath !== './package.json')
    .map(([subpath, target]) => {
      const types = typesOf(target);
      if (!types) throw new Error(`runtime/package.json exports["${subpath}"] has no "types" condition`);
      const rel = types.replace(/^\.\//, '');
      if (!rel.startsWith(`${out}/`)) throw new Error(`exports["${subpath}"].types (${types}) is not under outDir ${out}`);
      const source = join(dir, root, rel.slice(out.length + 1).replace(/\.d\.(m|c)?ts$/, '.$1ts'));
      return { specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, source };
    });
}

/** The `types` condition of an exports target, nested conditions included (`{ import: { types } }`). */
function typesOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (!target || typeof target !== 'object') return undefined;
  const conditions = target as Record<string, unknown>;
  if (typeof conditions.types === 'string') return conditions.types;
  for (const value of Object.values(conditions)) {
    const found = typesOf(value);
    if (found) return found;
  }
  return undefined;
}
