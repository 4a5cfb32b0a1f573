import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** A source file of the package, for bundling. */
export const srcEntry = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

/**
 * Bundles entry points the way a CDK NodejsFunction does for nodejs22.x (ESM, minified,
 * tree-shaken, the AWS SDK external) into a fresh folder inside the repo's node_modules (ignored),
 * so the bundle resolves its externals as an app would. Returns the folder, the bundles' text,
 * and a cleanup.
 *
 * @example
 * ```ts
 * const out = await bundle({ index: srcEntry('index.ts') });
 * try { run(join(out.dir, 'index.mjs')); } finally { out.remove(); }
 * ```
 */
export async function bundle(entryPoints: Record<string, string>, external: string[] = ['@aws-sdk/*']) {
  const cache = fileURLToPath(new URL('../../../node_modules/.cache/', import.meta.url));
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'ddb-lock-bundle-'));
  await build({
    entryPoints,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    external,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return {
    dir,
    text: (name: string) => readFileSync(join(dir, `${name}.mjs`), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
