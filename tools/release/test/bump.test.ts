import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bump } from '../src/bump.ts';
import { versionTree } from './fixture.ts';

const source = (root: string) => readFileSync(join(root, 'projenrc/release-version.ts'), 'utf8');

test('bump writes the one version, then regenerates, then writes the changelog section', () => {
  const root = versionTree('0.1.0');
  const ran: string[] = [];
  bump(root, '0.2.0', {
    regenerate: () => ran.push(`regenerate ${source(root).trim()}`),
    changelog: (_r, v) => ran.push(`changelog ${v}`),
  });
  assert.deepEqual(ran, ["regenerate export const releaseVersion = '0.2.0';", 'changelog 0.2.0']);
});

for (const bad of ['0.2', 'v0.2.0', 'next', undefined]) {
  test(`bump refuses "${bad}" before touching a file`, () => {
    const root = versionTree('0.1.0');
    const ran: string[] = [];
    assert.throws(
      () => bump(root, bad, { regenerate: () => ran.push('regenerate'), changelog: () => ran.push('changelog') }),
      bad === undefined ? /usage: npm run bump -- <version>/ : /is not a semantic version/,
    );
    assert.equal(source(root), "export const releaseVersion = '0.1.0';\n");
    assert.deepEqual(ran, []);
  });
}

test('CHANGELOG.md starts with the header commit-and-tag-version keeps (.versionrc.json) and has a section for the current version', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  const version = /releaseVersion = '([^']+)'/.exec(readFileSync(join(root, 'projenrc/release-version.ts'), 'utf8'))?.[1];
  const { header } = JSON.parse(readFileSync(join(root, '.versionrc.json'), 'utf8'));
  assert.ok(changelog.startsWith(header));
  assert.match(changelog, new RegExp(`^## ${version?.replaceAll('.', '\\.')} \\((unreleased|\\d{4}-\\d{2}-\\d{2})\\)$`, 'm'));
});
