import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/** Size of one esbuild bundle: raw and gzipped bytes. */
export interface BundleSize {
  readonly bytes: number;
  readonly gzipBytes: number;
}

/**
 * Bundles a handler the way a CDK NodejsFunction does for nodejs22.x: ESM, minified, tree-shaken,
 * the AWS SDK v3 left external (the runtime provides it), everything else inlined.
 */
export async function bundleHandler(entry: string, outfile: string): Promise<BundleSize> {
  await build({
    entryPoints: [entry], outfile, bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node22',
    external: ['@aws-sdk/*'], logLevel: 'error', legalComments: 'none',
  });
  const code = readFileSync(outfile);
  return { bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength };
}
