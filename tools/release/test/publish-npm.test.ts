import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Artifact } from '../src/artifacts.ts';
import { type NpmPublishSteps, publishNpm } from '../src/publish-npm.ts';
import { ReleaseError } from '../src/release-error.ts';
import { versionTree } from './fixture.ts';

// The registry side is replaced here so that refusals can be shown to publish nothing; the real
// steps publish to a local Verdaccio in the install suite (tools/consumer/test/registry.test.ts).
const NAMES = ['@ddb-lock/runtime', '@ddb-lock/cli', '@ddb-lock/construct'];
const registry = 'http://127.0.0.1:4873/';

function npmArtifacts(version: string, overrides: Partial<Record<string, Partial<Artifact>>> = {}): Artifact[] {
  return NAMES.map((name) => ({
    registry: 'npm' as const,
    name,
    version,
    file: `js/${name.slice(1).replace('/', '-')}-${version}.tgz`,
    ...overrides[name],
  }));
}

function recording(artifacts: Artifact[], already: string[] = []): { steps: NpmPublishSteps; published: string[] } {
  const published: string[] = [];
  const steps: NpmPublishSteps = {
    read: () => artifacts,
    has: (name, version) => already.includes(`${name}@${version}`),
    publish: (tarball, to) => published.push(`${tarball} → ${to}`),
    print: () => {},
  };
  return { steps, published };
}

test('every npm tarball is published, the runtime first, from the release folder', () => {
  const { steps, published } = recording(npmArtifacts('1.2.0'));
  const lines = publishNpm({ root: versionTree('1.2.0'), artifacts: '/out', registry: 'http://127.0.0.1:4873' }, steps);
  assert.deepEqual(published, [
    '/out/js/ddb-lock-runtime-1.2.0.tgz → http://127.0.0.1:4873/',
    '/out/js/ddb-lock-cli-1.2.0.tgz → http://127.0.0.1:4873/',
    '/out/js/ddb-lock-construct-1.2.0.tgz → http://127.0.0.1:4873/',
  ]);
  assert.deepEqual(
    lines,
    NAMES.map((name) => `published ${name}@1.2.0 to http://127.0.0.1:4873/`),
  );
});

test('a version the registry has already is skipped, so a rerun completes a partial publish', () => {
  const { steps, published } = recording(npmArtifacts('1.2.0'), ['@ddb-lock/runtime@1.2.0']);
  const lines = publishNpm({ root: versionTree('1.2.0'), artifacts: '/out', registry }, steps);
  assert.equal(lines[0], `@ddb-lock/runtime@1.2.0 is on ${registry} already: skipped`);
  assert.deepEqual(
    published.map((p) => p.split(' ')[0]),
    ['/out/js/ddb-lock-cli-1.2.0.tgz', '/out/js/ddb-lock-construct-1.2.0.tgz'],
  );
});

const refusals: [string, () => { root: string; artifacts: Artifact[]; registry: string }, RegExp][] = [
  [
    'a registry that is not a URL',
    () => ({ root: versionTree('1.2.0'), artifacts: npmArtifacts('1.2.0'), registry: 'localhost:4873' }),
    /needs an http\(s\) registry URL/,
  ],
  [
    'the public registry',
    () => ({ root: versionTree('1.2.0'), artifacts: npmArtifacts('1.2.0'), registry: 'https://registry.npmjs.org/' }),
    /release workflow only/,
  ],
  [
    'a version that is not semver',
    () => ({ root: versionTree('1.2'), artifacts: npmArtifacts('1.2'), registry }),
    /is not a semantic version/,
  ],
  [
    'versions that disagree in the tree',
    () => ({ root: versionTree('1.2.0', { cli: '1.1.0' }), artifacts: npmArtifacts('1.2.0'), registry }),
    /the versions disagree/,
  ],
  [
    'a tarball at another version',
    () => ({ root: versionTree('1.2.0'), artifacts: npmArtifacts('1.2.0', { '@ddb-lock/cli': { version: '1.1.0' } }), registry }),
    /@ddb-lock\/cli is 1\.1\.0, not 1\.2\.0/,
  ],
  [
    'a missing tarball',
    () => ({ root: versionTree('1.2.0'), artifacts: npmArtifacts('1.2.0').slice(0, 2), registry }),
    /no npm tarball of @ddb-lock\/construct/,
  ],
  [
    'a private package',
    () => ({ root: versionTree('1.2.0'), artifacts: npmArtifacts('1.2.0', { '@ddb-lock/cli': { private: true } }), registry }),
    /private npm packages cannot be published: @ddb-lock\/cli/,
  ],
];
for (const [what, input, message] of refusals) {
  test(`refused before anything is published: ${what}`, () => {
    const { root, artifacts, registry: to } = input();
    const { steps, published } = recording(artifacts);
    assert.throws(
      () => publishNpm({ root, artifacts: '/out', registry: to }, steps),
      (e: Error) => e instanceof ReleaseError && message.test(e.message),
    );
    assert.deepEqual(published, []);
  });
}
