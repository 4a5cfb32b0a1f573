import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { bundle, srcEntry } from '../../support/bundle.js';

// Bundled as a NodejsFunction would (ESM, minified, SDK external): the batch code lives only
// behind its subpath, needs no Powertools at run time, and its error keeps its name.

test('the root and /middy bundles carry no batch code; the /batch bundle imports nothing but the SDK', async () => {
  const out = await bundle({ root: srcEntry('index.ts'), middy: srcEntry('middy/index.ts'), batch: srcEntry('batch/index.ts') }, [
    '@aws-sdk/*',
    '@middy/*',
  ]);
  try {
    for (const name of ['root', 'middy']) {
      expect({ name, found: out.text(name).includes('BatchOrderError') || out.text(name).includes('batchItemFailures') }).toEqual({
        name,
        found: false,
      });
    }
    const batch = out.text('batch');
    expect(batch).toContain('batchItemFailures');
    expect(
      [...batch.matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1]).filter((m) => !m!.startsWith('@aws-sdk/') && !m!.startsWith('node:')),
    ).toEqual([]);
    console.log(
      `bundle sizes (minified, SDK external): root ${out.text('root').length} B, /middy ${out.text('middy').length} B,` +
        ` /batch ${batch.length} B`,
    );
  } finally {
    out.remove();
  }
});

test('bundled, /batch loads and runs (the first test shows it imports no Powertools); BatchOrderError keeps its name', async () => {
  const out = await bundle({ batch: srcEntry('batch/index.ts') });
  try {
    const probe = join(out.dir, 'probe.mjs');
    writeFileSync(
      probe,
      "const m = await import('./batch.mjs'); process.stdout.write([typeof m.lockedBatchHandler, typeof" +
        " m.lockedRecordHandler, new m.BatchOrderError('x').name].join(' '));",
    );
    expect(execFileSync(process.execPath, [probe], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })).toBe(
      'function function BatchOrderError',
    );
  } finally {
    out.remove();
  }
});
