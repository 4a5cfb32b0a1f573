import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LocalDynamoError, MissingToolchainError, missingCommands, skipOrRequire } from '../src/index.ts';

const need = { suite: 'the Go suite', requirement: 'Go', missing: 'not on PATH: go', enable: 'install Go to run it' };

test('a suite that can run is neither skipped nor failed', () => {
  assert.equal(skipOrRequire({ ...need, missing: undefined }, {}), undefined);
  assert.equal(skipOrRequire({ ...need, missing: undefined }, { CI: 'true' }), undefined);
});

test('without CI a missing toolchain gives the one skip line', () => {
  assert.equal(skipOrRequire(need, {}), 'the Go suite skipped: install Go to run it');
  assert.equal(skipOrRequire(need, { CI: 'false' }), 'the Go suite skipped: install Go to run it');
});

for (const ci of ['true', '1']) {
  test(`under CI=${ci} a missing toolchain fails`, () => {
    assert.throws(
      () => skipOrRequire(need, { CI: ci }),
      (e: Error) => {
        assert.ok(e instanceof MissingToolchainError);
        assert.equal(e.name, 'MissingToolchainError');
        assert.equal(e.message, 'CI requires Go: not on PATH: go');
        return true;
      },
    );
  });
}

test('missingCommands finds executables on PATH only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-path-'));
  writeFileSync(join(dir, 'go'), '#!/bin/sh\n');
  chmodSync(join(dir, 'go'), 0o755);
  writeFileSync(join(dir, 'mvn'), ''); // not executable
  assert.equal(missingCommands(['go'], dir), undefined);
  assert.equal(missingCommands(['go', 'mvn', 'java'], `/nonexistent:${dir}`), 'not on PATH: mvn, java');
  assert.equal(missingCommands(['go'], ''), 'not on PATH: go');
});

test('a missing toolchain is a LocalDynamoError, as a missing moto always was', () => {
  assert.throws(() => skipOrRequire(need, { CI: 'true' }), LocalDynamoError);
});
