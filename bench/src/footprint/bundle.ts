import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';

/** Size of one esbuild bundle: raw and gzipped bytes. */
export interface BundleSize {
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * How a CDK NodejsFunction bundles for nodejs22.x: ESM, minified, tree-shaken, the AWS SDK v3
 * left external (the runtime provides it), everything else inlined.
 */
const LAMBDA_BUNDLE: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  external: ['@aws-sdk/*'],
  logLevel: 'error',
  legalComments: 'none',
};

/** Bundles a handler the way a CDK NodejsFunction does for nodejs22.x (see LAMBDA_BUNDLE). */
export async function bundleHandler(entry: string, outfile: string): Promise<BundleSize> {
  await build({ ...LAMBDA_BUNDLE, entryPoints: [entry], outfile });
  const code = readFileSync(outfile);
  return { bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}

/**
 * The same bundle, in memory, with each source file's share of it (esbuild's metafile
 * `bytesInOutput`): what a handler's bytes are made of.
 *
 * @example
 * ```ts
 * const { bytes, modules } = await bundleModules('src/footprint/handlers/with-lock.ts');
 * ```
 */
export async function bundleModules(entry: string): Promise<{ bytes: number; modules: Map<string, number> }> {
  const result = await build({ ...LAMBDA_BUNDLE, entryPoints: [entry], outfile: 'bundle.mjs', write: false, metafile: true });
  const output = Object.values(result.metafile.outputs)[0]!;
  const modules = new Map(Object.entries(output.inputs).map(([path, input]) => [path, input.bytesInOutput] as const));
  return { bytes: result.outputFiles[0]!.contents.byteLength, modules };
}
