import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as api from '../src';

// The package's API is deliberate: every file at the top of src/ is public and re-exported by
// index.ts; helpers live in src/private/ and are never exported (aws-cdk-lib's layout). jsii only
// checks the types it publishes to other languages, so a helper function exported by mistake
// (as renderEncryption once was) reaches TypeScript users unnoticed without this test.

const src = path.join(__dirname, '..', 'src');

test('the package exports exactly the public values', () => {
  expect(Object.keys(api).sort()).toEqual([
    'DistributedLockTable',
    'LockItemSchema',
    'LockTableBase',
    'LockTableEncryption',
    'LockTableGrants',
  ]);
});

test('index.ts re-exports every top-level file of src/ and nothing from src/private/', () => {
  const exported = [...readFileSync(path.join(src, 'index.ts'), 'utf8').matchAll(/^export \* from '\.\/(.+)';$/gm)].map((m) => m[1]);
  const publicFiles = readdirSync(src)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => file.replace(/\.ts$/, ''));
  expect(exported.sort()).toEqual(publicFiles.sort());
  expect(exported.filter((name) => name.startsWith('private'))).toEqual([]);
});
