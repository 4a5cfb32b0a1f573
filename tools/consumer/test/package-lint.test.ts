/**
 * What a registry page and a type checker see of each tarball: arethetypeswrong finds no problem
 * in any resolution mode, publint reports no error, warning or suggestion, and each package ships
 * the repo's LICENSE, a README, the metadata a registry page shows, and no source map.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { removeProject } from '../src/fresh-project.js';
import { readManifest } from '../src/manifest.js';
import { PUBLISHED, REPO_ROOT } from '../src/paths.js';
import { mustRun } from '../src/run-command.js';

const { tarballs } = readManifest();
const attw = join(REPO_ROOT, 'node_modules', '.bin', 'attw');

/** The tarball unpacked into a temporary folder: `<dir>/package` is what npm installs. */
async function unpack(tarball: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-lock-unpacked-'));
  await mustRun('tar', ['-xzf', tarball, '-C', dir], { cwd: dir });
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

for (const { name } of PUBLISHED) {
  test(`${name}: publint finds nothing; LICENSE, README, metadata; no source map`, async () => {
    const dir = await unpack(tarballs[name]);
    try {
      const pkgDir = join(dir, 'package');
      const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
      const { messages } = await publint({ pkgDir, pack: false, strict: true });
      assert.deepEqual(
        messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`),
        [],
      );
      assert.equal(readFileSync(join(pkgDir, 'LICENSE'), 'utf8'), readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'));
      assert.match(readFileSync(join(pkgDir, 'README.md'), 'utf8'), new RegExp(`npm install (-g )?${name}`));
      for (const field of ['description', 'keywords', 'repository', 'homepage', 'bugs', 'license'])
        assert.ok(pkg[field], `${name} package.json has ${field}`);
      assert.equal(pkg.license, 'Apache-2.0');
      assert.deepEqual(
        filesUnder(pkgDir).filter((file) => file.endsWith('.map')),
        [],
      );
    } finally {
      removeProject(dir);
    }
  });
}

for (const name of ['@ddb-lock/runtime', '@ddb-lock/construct'] as const) {
  test(`${name}: arethetypeswrong finds no problem in any resolution mode`, async () => {
    // --format json exits 0 whatever it finds; the problems list is the verdict.
    const { stdout } = await mustRun(attw, [tarballs[name], '--format', 'json'], { cwd: REPO_ROOT });
    const report = JSON.parse(stdout);
    assert.equal(report.analysis.types !== false, true, `${name} ships types`);
    const problems = Array.isArray(report.problems) ? report.problems : Object.values(report.problems ?? {}).flat();
    assert.deepEqual(problems, []);
    const modes = new Set(
      Object.values(report.analysis.entrypoints).flatMap((entry) => Object.keys((entry as { resolutions: object }).resolutions)),
    );
    assert.deepEqual([...modes].sort(), ['bundler', 'node10', 'node16-cjs', 'node16-esm']);
  });
}

test('@ddb-lock/cli is a bin, not a library: no module entry point for a type checker to resolve', async () => {
  // arethetypeswrong checks what `import`/`require` of a package resolves to; the CLI offers
  // neither (it answers "This package does not contain types"), so the check here is that it
  // stays that way and that its bin is built JavaScript.
  const dir = await unpack(tarballs['@ddb-lock/cli']);
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
    assert.equal(pkg.main ?? pkg.exports ?? pkg.types, undefined);
    assert.deepEqual(pkg.bin, { 'ddb-lock': './bin/ddb-lock.mjs' });
    assert.equal(pkg.private, undefined);
    assert.ok(!pkg.dependencies.tsx, 'no tsx at run time');
    assert.match(pkg.dependencies['@ddb-lock/runtime'], /^\^/);
    assert.ok(filesUnder(join(dir, 'package')).some((file) => file === 'lib/main.js'));
    assert.deepEqual(
      filesUnder(join(dir, 'package')).filter((file) => file.endsWith('.ts')),
      [],
    );
  } finally {
    removeProject(dir);
  }
});
