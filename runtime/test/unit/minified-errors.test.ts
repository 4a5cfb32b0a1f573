import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { bundle, srcEntry } from '../support/bundle.js';

// What `NodejsFunction({ bundling: { minify: true } })` does to the package: esbuild --minify
// renames every class. Error names must survive (logs, `error.name` checks, Lambda's errorType)
// and `instanceof` must keep working. The bundle runs in a plain Node process, outside Jest.

test('every exported error class keeps its name and instanceof in a bundle built with esbuild --minify', async () => {
  const out = await bundle({ index: srcEntry('index.ts'), middy: srcEntry('middy/index.ts') }, ['@aws-sdk/*', '@middy/*']);
  const { dir } = out;
  try {
    const probe = join(dir, 'probe.mjs');
    writeFileSync(
      probe,
      `
      const lib = await import('./index.mjs');
      await import('./middy.mjs');
      const rows = Object.entries(lib)
        .filter(([, v]) => typeof v === 'function' && v.prototype instanceof Error)
        .map(([exported, Cls]) => {
          const e = new Cls('message', 'key', 'stolen');
          return { exported, name: e.name, className: Cls.name, isLockError: e instanceof lib.LockError,
            isOwnClass: e instanceof Cls, isError: e instanceof Error, stack: String(e.stack).split('\\n')[0] };
        });
      process.stdout.write(JSON.stringify(rows));
    `,
    );
    const rows = JSON.parse(
      execFileSync(process.execPath, [probe], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }),
    ) as Array<{
      exported: string;
      name: string;
      className: string;
      isLockError: boolean;
      isOwnClass: boolean;
      isError: boolean;
      stack: string;
    }>;
    expect(rows.map((r) => r.exported).sort()).toEqual([
      'LockAbortedError',
      'LockBusyError',
      'LockCloseError',
      'LockConfigurationError',
      'LockDeadlineError',
      'LockError',
      'LockLostError',
      'LockNotOwnerError',
      'LockTableNotFoundError',
      'LockUnavailableError',
      'LockValidationError',
      'StaleFenceError',
    ]);
    // The bundle really was minified: class names are gone, so a name taken from the class
    // (constructor.name, new.target.name) would read like these.
    expect(rows.filter((r) => r.className !== r.exported).length).toBeGreaterThan(0);
    for (const row of rows) {
      expect({ exported: row.exported, name: row.name, stack: row.stack }).toEqual({
        exported: row.exported,
        name: row.exported,
        stack: `${row.exported}: message`,
      });
      expect(row).toMatchObject({ isLockError: true, isOwnClass: true, isError: true });
    }
  } finally {
    out.remove();
  }
});
