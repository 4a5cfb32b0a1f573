import { expect, test } from '@jest/globals';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Bundled as a NodejsFunction would (ESM, minified, SDK external): the batch code lives only
// behind its subpath and needs no Powertools at run time; its error keeps its name when minified.

const src = fileURLToPath(new URL('../../src/', import.meta.url));

async function bundle(code: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-bundle-'));
  try {
    writeFileSync(join(dir, 'entry.ts'), code);
    const result = await build({
      entryPoints: [join(dir, 'entry.ts')], bundle: true, minify: true, format: 'esm', platform: 'node', target: 'node22',
      external: ['@aws-sdk/*'], write: false, logLevel: 'silent', absWorkingDir: dir,
    });
    return result.outputFiles[0]!.text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the root and /middy bundles carry no batch code; the /batch bundle carries no Powertools', async () => {
  const root = await bundle(`export { LockClient, fencedWrite } from ${JSON.stringify(join(src, 'index.ts'))};`);
  const middy = await bundle(`export { withLock } from ${JSON.stringify(join(src, 'middy/index.ts'))};`);
  const batch = await bundle(`export { lockedBatchHandler, lockedRecordHandler, processLockedPartialResponse } from ${JSON.stringify(join(src, 'batch/index.ts'))};`);
  for (const code of [root, middy]) {
    expect(code).not.toContain('BatchOrderError');
    expect(code).not.toContain('batchItemFailures');
  }
  expect(batch).toContain('batchItemFailures');
  expect(batch.toLowerCase()).not.toContain('powertools/batch');
  expect(batch).not.toMatch(/from\s*"@aws-lambda-powertools/);
  // Only the SDK stays external, as in Lambda.
  expect([...batch.matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1]).filter((m) => !m!.startsWith('@aws-sdk/') && !m!.startsWith('node:'))).toEqual([]);
  console.log(`bundle sizes (minified): root ${root.length} B, /middy ${middy.length} B, /batch ${batch.length} B`);
});

test('BatchOrderError keeps its name in a minified bundle', async () => {
  const code = await bundle(`import { BatchOrderError } from ${JSON.stringify(join(src, 'batch/index.ts'))}; export const name = new BatchOrderError('x').name;`);
  const file = join(mkdtempSync(join(tmpdir(), 'ddb-lock-bundle-')), 'out.mjs');
  writeFileSync(file, code);
  const { name } = await import(file) as { name: string };
  rmSync(join(file, '..'), { recursive: true, force: true });
  expect(name).toBe('BatchOrderError');
  expect(code).not.toContain('class BatchOrderError'); // minified: the class name is gone, the literal stays
});
