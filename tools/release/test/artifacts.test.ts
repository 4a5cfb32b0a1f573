import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { checkArtifacts, readArtifacts } from '../src/artifacts.ts';

const goModule = 'github.com/ddb-lock/ddb-lock-go/ddblockconstruct';

/** A dist/release folder as the build lays it out, every artifact at `version` unless `overrides` says otherwise. */
function releaseFolder(version: string, overrides: Record<string, string> = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'ddb-lock-artifacts-'));
  const v = (what: string) => overrides[what] ?? version;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), text);
  };
  for (const [name, base] of [
    ['@ddb-lock/runtime', 'runtime'],
    ['@ddb-lock/cli', 'cli'],
    ['@ddb-lock/construct', 'construct'],
  ]) {
    const pack = join(out, 'pack', base);
    mkdirSync(join(pack, 'package'), { recursive: true });
    writeFileSync(
      join(pack, 'package', 'package.json'),
      JSON.stringify({ name, version: v(base), private: base === 'cli' ? true : undefined }),
    );
    mkdirSync(join(out, 'js'), { recursive: true });
    assert.equal(spawnSync('tar', ['-czf', join(out, 'js', `ddb-lock-${base}-${v(base)}.tgz`), '-C', pack, 'package']).status, 0);
  }
  write(`python/ddb_lock_construct-${v('wheel')}-py3-none-any.whl`, '');
  write(`python/ddb_lock_construct-${v('sdist')}.tar.gz`, '');
  write(`java/io/github/ddb-lock/ddb-lock-construct/${v('jar')}/ddb-lock-construct-${v('jar')}.pom`, '<project/>');
  write('go/ddblockconstruct/go.mod', `module ${goModule}\n\ngo 1.23\n`);
  write('go/ddblockconstruct/version', `${v('go')}\n`);
  write(`go-proxy/${goModule}/@v/list`, `v${v('proxy')}\n`);
  return out;
}

test('every artifact is read with the version it carries', () => {
  const artifacts = readArtifacts(releaseFolder('1.2.0'));
  assert.deepEqual(
    artifacts.map((a) => `${a.registry} ${a.name} ${a.version}${a.private ? ' private' : ''}`),
    [
      'npm @ddb-lock/cli 1.2.0 private',
      'npm @ddb-lock/construct 1.2.0',
      'npm @ddb-lock/runtime 1.2.0',
      'PyPI ddb_lock_construct 1.2.0',
      'PyPI ddb_lock_construct 1.2.0',
      'Maven Central io.github.ddb-lock:ddb-lock-construct 1.2.0',
      `Go module ${goModule} 1.2.0`,
      `Go module ${goModule} 1.2.0`,
    ],
  );
  checkArtifacts(artifacts, '1.2.0');
});

for (const what of ['runtime', 'cli', 'construct', 'wheel', 'sdist', 'jar', 'go', 'proxy']) {
  test(`an artifact at another version is refused, named: ${what}`, () => {
    const artifacts = readArtifacts(releaseFolder('1.2.0', { [what]: '1.1.9' }));
    assert.throws(
      () => checkArtifacts(artifacts, '1.2.0'),
      (e: Error) => {
        assert.equal(e.name, 'ReleaseError');
        assert.match(e.message, /^the artifacts do not all carry version 1\.2\.0:\n {2}\S+: \S+ is 1\.1\.9, not 1\.2\.0$/);
        return true;
      },
    );
  });
}

test('a missing artifact is refused', () => {
  const artifacts = readArtifacts(releaseFolder('1.2.0')).filter((a) => a.registry !== 'Maven Central' && a.name !== '@ddb-lock/cli');
  assert.throws(() => checkArtifacts(artifacts, '1.2.0'), /no npm tarball of @ddb-lock\/cli\n {2}no artifact for Maven Central$/);
});
