/**
 * The README's `npm test` on a machine with only Node: every suite that needs Python, Java, Maven
 * or Go prints one line saying what it skipped and how to enable it, and passes — and fails under
 * CI=true. Runs each toolchain-gated script with a PATH from which python3, java, mvn and go (and
 * their kin) are absent. Not the whole `npm test` twice (~14 min each on CI): the gate decides
 * before any work, so the gated scripts are what differs on such a machine, and the static check
 * below proves that no other script `npm test` reaches calls a toolchain without the gate.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ungatedToolchainScripts } from '../src/gated-scripts.ts';
import { toolchainFreePath } from '../src/toolchain-free-path.ts';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const bin = mkdtempSync(join(tmpdir(), 'ddb-lock-no-toolchains-'));
after(() => rmSync(bin, { recursive: true, force: true }));
const PATH = toolchainFreePath(process.env.PATH ?? '', join(bin, 'bin'));

/** The scripts that need a toolchain, each behind needs-toolchain. */
const gated = [
  { workspace: '@ddb-lock/construct', script: 'test:languages', suite: 'construct language test' },
  { workspace: '@ddb-lock/release', script: 'test:actionlint', suite: 'actionlint of the release workflow' },
];

function runWithoutToolchains(workspace: string, script: string, ci: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH };
  delete env.CI;
  if (ci) env.CI = 'true';
  const result = spawnSync('npm', ['run', '--silent', script, '-w', workspace], { cwd: root, env, encoding: 'utf8' });
  return { status: result.status, lines: `${result.stdout}${result.stderr}`.split('\n').filter(Boolean) };
}

test('the toolchain-free PATH has none of python3, java, javac, mvn, go, but keeps node and npm', () => {
  for (const program of ['python3', 'java', 'javac', 'mvn', 'go']) {
    assert.notEqual(spawnSync('sh', ['-c', `command -v ${program}`], { env: { PATH } }).status, 0, program);
  }
  for (const program of ['node', 'npm', 'sh'])
    assert.equal(spawnSync('sh', ['-c', `command -v ${program}`], { env: { PATH } }).status, 0, program);
});

for (const { workspace, script, suite } of gated) {
  test(`without the toolchains, ${workspace} ${script} prints one skip line and passes`, () => {
    const { status, lines } = runWithoutToolchains(workspace, script, false);
    assert.equal(status, 0, lines.join('\n'));
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], new RegExp(`^${suite} skipped: install .+`));
  });

  test(`without the toolchains under CI=true, ${workspace} ${script} fails, naming what is missing`, () => {
    const { status, lines } = runWithoutToolchains(workspace, script, true);
    assert.notEqual(status, 0);
    assert.ok(
      lines.some((l) => l.startsWith(`${suite} FAILED: CI requires`) && /not on PATH: .*go/.test(l)),
      lines.join('\n'),
    );
  });
}

test('every script npm test reaches that needs a toolchain goes through needs-toolchain', () => {
  assert.deepEqual(ungatedToolchainScripts(root), []);
});
