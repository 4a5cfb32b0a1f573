import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** A source file of the package, for bundling. */
export const srcEntry = (path: string) => fileURLToPath(new URL(`../../src/${path}`, import.meta.url));

/** One exact-text edit of a `src/` file (path relative to `src/`), applied while esbuild reads it. */
export interface SourceEdit {
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

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
export async function bundle(entryPoints: Record<string, string>, external: string[] = ['@aws-sdk/*'], edits: readonly SourceEdit[] = []) {
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
    plugins: edits.length > 0 ? [editSources(edits)] : [],
  });
  return {
    dir,
    text: (name: string) => readFileSync(join(dir, `${name}.mjs`), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Applies `edits` as esbuild loads the files: a test proves a guard matters by bundling the
 * package without it (the bench CPU ledger's ablations work the same way). An edit whose text is
 * gone fails the build, so a test never passes against a mutant that no longer mutates anything.
 */
function editSources(edits: readonly SourceEdit[]): Plugin {
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  return {
    name: 'source-edits',
    setup(build) {
      const applied = new Set<SourceEdit>();
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const mine = edits.filter((edit) => edit.file === relative(src, args.path));
        if (mine.length === 0) return undefined;
        let contents = readFileSync(args.path, 'utf8');
        for (const edit of mine) {
          if (!contents.includes(edit.find)) throw new Error(`source edit no longer matches src/${edit.file}: ${edit.find}`);
          contents = contents.replace(edit.find, edit.replace);
          applied.add(edit);
        }
        return { contents, loader: 'ts' };
      });
      build.onEnd(() => {
        const missed = edits.filter((edit) => !applied.has(edit));
        if (missed.length > 0) throw new Error(`source edits name files outside the bundle: ${missed.map((e) => e.file).join(', ')}`);
      });
    },
  };
}
