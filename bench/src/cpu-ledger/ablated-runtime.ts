import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { bundleDir, RUNTIME_SRC, runtimeBundleOptions } from '../contenders/runtime-bundle.js';
import type { Ablation, SourceEdit } from './ablations.js';

/**
 * The runtime bundle (as the bench's ddb-lock contender loads it) with one ablation's edits
 * applied while esbuild reads the sources. Throws, naming the ablation, when an edit's text is
 * no longer in its file, or a file it names does not take part in the bundle.
 *
 * @example
 * ```ts
 * const { LockClient } = await importAblated(ABLATIONS[2]!);
 * ```
 */
export async function importAblated(ablation: Ablation): Promise<typeof import('../../../runtime/src/index.js')> {
  const outdir = bundleDir(`cpu-ledger-${ablation.id.replace(/[^a-z]+/gi, '-')}`);
  const pending = new Set(ablation.edits.map((edit) => edit.file));
  await build({ ...runtimeBundleOptions(outdir), plugins: [editSources(ablation, pending)] });
  if (pending.size > 0) throw new Error(`cpu ledger: ablation "${ablation.id}" names files outside the bundle: ${[...pending]}`);
  return import(pathToFileURL(join(outdir, 'index.js')).href);
}

function editSources(ablation: Ablation, pending: Set<string>): Plugin {
  return {
    name: 'ablation',
    setup(bundle) {
      bundle.onLoad({ filter: /\.ts$/ }, (args) => {
        const file = relative(RUNTIME_SRC, args.path);
        const edits = ablation.edits.filter((edit) => edit.file === file);
        if (edits.length === 0) return undefined;
        pending.delete(file);
        return {
          contents: edits.reduce((source, edit) => applyEdit(ablation, source, edit), readFileSync(args.path, 'utf8')),
          loader: 'ts',
        };
      });
    },
  };
}

function applyEdit(ablation: Ablation, source: string, edit: SourceEdit): string {
  if ('append' in edit) return `${source}\n${edit.append}\n`;
  if (!source.includes(edit.find)) {
    throw new Error(
      `cpu ledger: ablation "${ablation.id}" no longer matches ${edit.file} (update src/cpu-ledger/ablations.ts): ${edit.find}`,
    );
  }
  return source.replace(edit.find, edit.replace);
}
