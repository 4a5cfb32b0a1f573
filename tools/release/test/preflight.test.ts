import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Artifact } from '../src/artifacts.ts';
import { preflight } from '../src/preflight.ts';
import { parseArguments, type ReleaseSteps, release } from '../src/release.ts';
import { ReleaseError } from '../src/release-error.ts';
import { versionTree } from './fixture.ts';

const clean = () => '';
const noTag = () => false;
const dirty = () => ' M runtime/src/lock/lock.ts\n?? notes.txt\n';
// A PATH where python3, java, javac, mvn and go all exist (this test's own folder has none of them).
const toolchains = process.env.PATH;

test('agreeing versions pass and give the version', () => {
  assert.equal(preflight({ root: versionTree('1.4.0'), dryRun: false, gitStatus: clean, tagExists: noTag, path: toolchains }), '1.4.0');
  assert.equal(
    preflight({ root: versionTree('2.0.0-rc.1'), dryRun: false, gitStatus: clean, tagExists: noTag, path: toolchains }),
    '2.0.0-rc.1',
  );
});

for (const bad of ['1.4', 'v1.4.0', '01.4.0', '1.4.0.1', 'latest', '']) {
  test(`a version that is not semver is refused: "${bad}"`, () => {
    const root = versionTree(bad);
    assert.throws(
      () => preflight({ root, dryRun: true, gitStatus: clean, path: toolchains }),
      (e: Error) => {
        assert.ok(e instanceof ReleaseError);
        assert.match(e.message, new RegExp(`"${bad.replaceAll('.', '\\.')}" \\(projenrc/release-version.ts\\) is not a semantic version`));
        return true;
      },
    );
  });
}

const places: Record<string, string> = {
  runtime: 'runtime/package.json',
  cli: 'cli/package.json',
  range: "cli/package.json's range on @ddb-lock/runtime",
  construct: 'construct/package.json (and its jsii targets)',
  constant: 'runtime/src/version.ts',
};
for (const [place, named] of Object.entries(places)) {
  test(`versions that disagree are refused, each place named: ${named} says 0.2.0`, () => {
    const root = versionTree('0.3.0', { [place]: '0.2.0' });
    assert.throws(
      () => preflight({ root, dryRun: true, gitStatus: clean, path: toolchains }),
      (e: Error) => {
        assert.ok(e instanceof ReleaseError);
        assert.match(e.message, /^the versions disagree:/);
        assert.ok(e.message.includes(`\n  0.2.0        ${named}\n`), e.message);
        assert.ok(e.message.includes('\n  0.3.0        projenrc/release-version.ts\n'), e.message);
        assert.match(e.message, /npm run bump -- <version>/);
        return true;
      },
    );
  });
}

test('a dirty tree is refused for a real release, with the files listed; a dry run allows it', () => {
  const root = versionTree('1.0.0');
  assert.throws(
    () => preflight({ root, dryRun: false, gitStatus: dirty, path: toolchains }),
    /git tree is dirty.*\n M runtime\/src\/lock\/lock\.ts\n\?\? notes\.txt/s,
  );
  assert.equal(preflight({ root, dryRun: true, gitStatus: dirty, path: toolchains }), '1.0.0');
});

test('an existing tag is refused for a real release; a dry run allows it', () => {
  const root = versionTree('1.0.0');
  const tagged = (_root: string, tag: string) => tag === 'v1.0.0';
  assert.throws(
    () => preflight({ root, dryRun: false, gitStatus: clean, tagExists: tagged, path: toolchains }),
    /^ReleaseError: tag v1\.0\.0 exists already/,
  );
  assert.equal(preflight({ root, dryRun: true, gitStatus: clean, tagExists: tagged, path: toolchains }), '1.0.0');
});

test('a missing toolchain is refused: the release builds the wheel, the jar and the Go module', () => {
  assert.throws(
    () => preflight({ root: versionTree('1.0.0'), dryRun: true, gitStatus: clean, path: '/nonexistent' }),
    /not on PATH: python3, java, javac, mvn, go/,
  );
});

/** Steps that record what ran; the build "makes" artifacts at `version`. */
function recordingSteps(version: string): { steps: ReleaseSteps; ran: string[] } {
  const ran: string[] = [];
  const artifacts: Artifact[] = [
    ...['@ddb-lock/runtime', '@ddb-lock/cli', '@ddb-lock/construct'].map((name) => ({
      registry: 'npm' as const,
      name,
      version,
      file: `js/${name}.tgz`,
    })),
    { registry: 'PyPI', name: 'ddb_lock_construct', version, file: 'python/x.whl' },
    { registry: 'Maven Central', name: 'io.github.ddb-lock:ddb-lock-construct', version, file: 'java/x.pom' },
    { registry: 'Go module', name: 'github.com/ddb-lock/ddb-lock-go/ddblockconstruct', version, file: 'go/ddblockconstruct' },
  ];
  const steps: ReleaseSteps = {
    build: () => ran.push('build'),
    read: () => artifacts,
    consumers: () => ran.push('consumers'),
    tag: (_root, v) => ran.push(`tag v${v}`),
    print: (line) => ran.push(line),
  };
  return { steps, ran };
}

test('nothing is built when the input is refused', () => {
  for (const root of [versionTree('1.x'), versionTree('1.0.0', { cli: '0.9.0' })]) {
    const { steps, ran } = recordingSteps('1.0.0');
    assert.throws(() => release({ root, dryRun: true, gitStatus: clean, path: toolchains }, steps), ReleaseError);
    assert.deepEqual(ran, []);
  }
  const { steps, ran } = recordingSteps('1.0.0');
  assert.throws(() => release({ root: versionTree('1.0.0'), dryRun: false, gitStatus: dirty, path: toolchains }, steps), /dirty/);
  assert.deepEqual(ran, []);
});

test('a dry run builds, checks, runs the consumers and prints the plan, and tags nothing', () => {
  const { steps, ran } = recordingSteps('1.0.0');
  release({ root: versionTree('1.0.0'), dryRun: true, gitStatus: dirty, path: toolchains }, steps);
  assert.deepEqual(ran.slice(0, 2), ['build', 'consumers']);
  assert.match(ran[2], /^would publish 1\.0\.0/);
  assert.ok(ran.some((l) => /PyPI → https:\/\/pypi\.org/.test(l)));
  assert.ok(ran.some((l) => /Go tag ddblockconstruct\/v1\.0\.0 in https:\/\/github\.com\/ddb-lock\/ddb-lock-go/.test(l)));
  assert.ok(!ran.some((l) => l.startsWith('tag ')));
});

test('a real release tags v<version> after the checks', () => {
  const { steps, ran } = recordingSteps('1.0.0');
  release({ root: versionTree('1.0.0'), dryRun: false, gitStatus: clean, tagExists: noTag, path: toolchains }, steps);
  assert.ok(ran.includes('tag v1.0.0'));
});

test('an artifact at another version stops the release before the consumers run', () => {
  const { steps, ran } = recordingSteps('0.9.0');
  assert.throws(
    () => release({ root: versionTree('1.0.0'), dryRun: true, gitStatus: clean, path: toolchains }, steps),
    /do not all carry version 1\.0\.0/,
  );
  assert.deepEqual(ran, ['build']);
});

test('the command line takes --dry-run, or --publish-npm <url> with an optional --artifacts <dir>', () => {
  assert.deepEqual(parseArguments(['--dry-run']), { dryRun: true });
  assert.deepEqual(parseArguments([]), { dryRun: false });
  assert.throws(() => parseArguments(['--dryrun']), /Unknown option '--dryrun'; usage: npm run release -- \[--dry-run\]/);
  assert.deepEqual(parseArguments(['--publish-npm', 'http://127.0.0.1:4873/', '--artifacts', 'out']), {
    publishNpm: 'http://127.0.0.1:4873/',
    artifacts: 'out',
  });
  assert.throws(() => parseArguments(['--publish-npm']), /'--publish-npm <value>' argument missing/);
  assert.throws(() => parseArguments(['--artifacts', 'out']), /^ReleaseError: --artifacts goes with --publish-npm/);
  assert.throws(() => parseArguments(['--dry-run', '--publish-npm', 'http://h/']), /--dry-run and --publish-npm do not go together/);
});
