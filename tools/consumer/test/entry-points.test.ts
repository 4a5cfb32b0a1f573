/**
 * The one list of public entry points (projenrc/entry-points.ts) agrees with what ships: each has
 * its `src/<subpath>/index.ts`, and the runtime's package.json exports exactly the list (for
 * `import` and `require`, with types) and names each in `typesVersions`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RUNTIME_ENTRY_POINTS } from '../../../projenrc/entry-points.ts';
import { REPO_ROOT } from '../src/paths.js';

const runtime = join(REPO_ROOT, 'runtime');
const pkg = JSON.parse(readFileSync(join(runtime, 'package.json'), 'utf8'));

test('each public entry point has its source index', () => {
  for (const { subpath } of RUNTIME_ENTRY_POINTS)
    assert.ok(existsSync(join(runtime, 'src', subpath, 'index.ts')), `src${subpath}/index.ts`);
});

test("the runtime's exports are the list, each for import and require with its types, and nothing else", () => {
  const expected = [...RUNTIME_ENTRY_POINTS.map(({ subpath }) => `.${subpath}`), './package.json'];
  assert.deepEqual(Object.keys(pkg.exports).sort(), expected.sort());
  for (const { subpath } of RUNTIME_ENTRY_POINTS) {
    const entry = pkg.exports[`.${subpath}`];
    assert.deepEqual(Object.keys(entry), ['import', 'require'], subpath);
    assert.deepEqual(Object.keys(entry.import), ['types', 'default'], subpath);
    assert.deepEqual(Object.keys(entry.require), ['types', 'default'], subpath);
  }
  const subpaths = RUNTIME_ENTRY_POINTS.filter(({ subpath }) => subpath !== '').map(({ subpath }) => subpath.slice(1));
  assert.deepEqual(Object.keys(pkg.typesVersions['*']).sort(), subpaths.sort());
});
