import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { bundle, srcEntry } from '../support/bundle.js';

// What a Lambda bundle of `withLock` carries: the observer hooks, never the adapters. Powertools
// and OpenTelemetry code (and their packages) may only appear when their subpath is imported.

const ADAPTER_MARKS = [
  'LockAcquireWait',
  'ddb_lock.acquire.wait',
  'lock.hold',
  '### ddb-lock acquire',
  '@opentelemetry',
  '@aws-lambda-powertools',
];

test('a withLock bundle holds no adapter code; the adapters import their libraries only where they must', async () => {
  const out = await bundle(
    { withLock: srcEntry('middy/index.ts'), powertools: srcEntry('powertools/index.ts'), otel: srcEntry('otel/index.ts') },
    ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*', '@opentelemetry/*'],
  );
  try {
    const withLock = out.text('withLock');
    for (const mark of ADAPTER_MARKS) expect({ mark, found: withLock.includes(mark) }).toEqual({ mark, found: false });
    // The Powertools adapter uses only the instances it is given: no import of the packages at all.
    expect(out.text('powertools')).not.toMatch(/from\s*"@aws-lambda-powertools/);
    expect(out.text('powertools')).toContain('LockAcquireWait');
    // The OpenTelemetry adapter needs the API (its optional peer), and nothing else.
    expect([...out.text('otel').matchAll(/from\s*"([^"]+)"/g)].map((m) => m[1])).toEqual(['@opentelemetry/api']);
    console.log(`withLock bundle (middy/index, minified, SDK and middy external): ${withLock.length} bytes`);
  } finally {
    out.remove();
  }
});

test('bundled, the powertools subpath loads without any Powertools package installed next to it', async () => {
  const out = await bundle({ powertools: srcEntry('powertools/index.ts') }, ['@aws-sdk/*']);
  try {
    const { execFileSync } = await import('node:child_process');
    const probe = join(out.dir, 'probe.mjs');
    writeFileSync(probe, "const m = await import('./powertools.mjs'); process.stdout.write(typeof m.powertoolsObserver({}).onLockEvent);");
    expect(execFileSync(process.execPath, [probe], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })).toBe('function');
  } finally {
    out.remove();
  }
});

// Admin code (creating the table, listing and reading locks) has no place in a Lambda handler's
// bundle: it lives in `@ddb-lock/runtime/admin`, functions a bundler leaves out (class methods
// could not be tree-shaken), so no withLock bundle carries it or the SDK commands it sends.
const ADMIN_MARKS = [
  'ensureTable',
  'listLocks',
  'getLock',
  'CreateTableCommand',
  'DescribeTableCommand',
  'DescribeTimeToLiveCommand',
  'UpdateTimeToLiveCommand',
  'QueryCommand',
  'ScanCommand',
];
// The size ceiling of a withLock bundle. The 15 KB target once kept here as a test.failing is
// retired (issue 24): cold import measures 1.02× a bare handler, so bytes are no longer the cost
// that matters; growth must still be deliberate. 36,964 bytes on 2026-12-07 (issue 24 added the
// reentrant hold count, and the checks of well-formed keys, whole-ms durations and table names)
// plus 2 %. Raise it in the same commit as the code that needs it, and say why. Issue 25's fair
// waiting (the waiter queue's requests, conditions and pacing) brought it to 44,929 bytes; issue 21
// (configuration errors, traceable owner names) and issue 22 (the hold machinery shared with
// withPermit, permit fields on events and items) to 46,771 bytes on 2026-12-07: + 2 %.
const WITH_LOCK_CEILING_BYTES = 47_710;

test('a withLock bundle holds no admin code: no ensureTable/listLocks/getLock, no table or scan commands', async () => {
  const out = await bundle({ withLock: srcEntry('middy/index.ts') }, ['@aws-sdk/*', '@middy/*']);
  try {
    const withLock = out.text('withLock');
    expect(ADMIN_MARKS.filter((mark) => withLock.includes(mark))).toEqual([]);
  } finally {
    out.remove();
  }
});

/** Bytes of the minified withLock bundle (SDK and middy external). */
async function withLockBytes(): Promise<number> {
  // What a handler that imports withLock alone bundles (`/middy` also exports withPermit, which
  // a bundler leaves out of such a handler, as this entry shows).
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-entry-'));
  const entry = join(dir, 'with-lock-only.ts');
  writeFileSync(entry, `export { withLock } from ${JSON.stringify(srcEntry('middy/index.ts'))};\n`);
  const out = await bundle({ withLock: entry }, ['@aws-sdk/*', '@middy/*']);
  try {
    return out.text('withLock').length;
  } finally {
    out.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

test(`a withLock bundle does not grow past ${WITH_LOCK_CEILING_BYTES} bytes unnoticed`, async () => {
  expect(await withLockBytes()).toBeLessThanOrEqual(WITH_LOCK_CEILING_BYTES);
});
