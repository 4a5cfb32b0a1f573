/**
 * The installed runtime loads as users load it: `require` and `import` of every public entry point
 * on Node 20 and 22, from the right build, with one class per error across both builds; internals
 * are not reachable.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runtimeSpecifiers } from '../../../projenrc/entry-points.ts';
import { readManifest } from '../src/manifest.js';
import { nodeBinaries } from '../src/node-binaries.js';
import { mustRun, runCommand } from '../src/run-command.js';

const { projects } = readManifest();
const specifiers = runtimeSpecifiers();
const { found, skipped } = nodeBinaries();
for (const line of skipped) {
  if (process.env.CI === 'true') throw new Error(`${line}; CI requires it`);
  console.log(line);
}

// One script per module system; each prints what it found as JSON.
writeFileSync(
  join(projects.full, 'load.cjs'),
  `const specifiers = ${JSON.stringify(specifiers)};
const loaded = {};
for (const s of specifiers) loaded[s] = { keys: Object.keys(require(s)).length, file: require.resolve(s) };
let internal;
try { require.resolve('@ddb-lock/runtime/protocol'); internal = 'resolved'; } catch (e) { internal = e.code; }
import('@ddb-lock/runtime').then((esm) => {
  const cjs = require('@ddb-lock/runtime');
  const fromCjs = new cjs.LockBusyError('busy', 'k', 'h');
  const fromEsm = new esm.LockBusyError('busy', 'k', 'h');
  const instanceOf = [
    fromCjs instanceof esm.LockBusyError, fromCjs instanceof esm.LockError, fromEsm instanceof cjs.LockBusyError,
    fromEsm instanceof cjs.LockError, !(fromCjs instanceof esm.LockLostError), fromEsm instanceof Error, fromCjs.name,
  ];
  console.log(JSON.stringify({ loaded, internal, instanceOf }));
});
`,
);
writeFileSync(
  join(projects.full, 'load.mjs'),
  `const specifiers = ${JSON.stringify(specifiers)};
const loaded = {};
for (const s of specifiers) loaded[s] = { keys: Object.keys(await import(s)).length, file: import.meta.resolve(s) };
let internal;
try { await import('@ddb-lock/runtime/protocol'); internal = 'resolved'; } catch (e) { internal = e.code; }
console.log(JSON.stringify({ loaded, internal }));
`,
);

for (const node of found) {
  test(`Node ${node.major}: require() of every entry point gives the CommonJS build; errors match across builds`, async () => {
    const { stdout } = await mustRun(node.path, ['load.cjs'], { cwd: projects.full });
    const { loaded, internal, instanceOf } = JSON.parse(stdout);
    for (const specifier of specifiers) {
      assert.ok(loaded[specifier].keys > 0, `${specifier} exports something`);
      assert.match(loaded[specifier].file, /node_modules\/@ddb-lock\/runtime\/lib\/cjs\//, specifier);
    }
    assert.equal(internal, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
    assert.deepEqual(instanceOf, [true, true, true, true, true, true, 'LockBusyError']);
  });

  test(`Node ${node.major}: import of every entry point gives the ESM build`, async () => {
    const { stdout } = await mustRun(node.path, ['load.mjs'], { cwd: projects.full });
    const { loaded, internal } = JSON.parse(stdout);
    for (const specifier of specifiers) {
      assert.ok(loaded[specifier].keys > 0, `${specifier} exports something`);
      assert.match(loaded[specifier].file, /node_modules\/@ddb-lock\/runtime\/lib\/esm\//, specifier);
    }
    assert.equal(internal, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
}

test('the root entry point loads with no optional peer installed (bare project)', async () => {
  for (const node of found) {
    const script = [
      "const r = require('@ddb-lock/runtime');",
      "const m = require('@ddb-lock/runtime/middy');",
      'console.log(typeof r.LockClient, typeof m.withLock);',
    ].join(' ');
    const result = await runCommand(node.path, ['-e', script], { cwd: projects.bare });
    assert.equal(result.stdout.trim(), 'function function', `Node ${node.major}: ${result.stderr}`);
  }
});
