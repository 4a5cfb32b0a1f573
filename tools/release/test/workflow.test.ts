import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// The generated publishing workflow holds no secret: npm and PyPI publish by trusted publishing
// (the job's OIDC token), Maven Central and the Go module repository through secrets named here
// and stored in the repository's `release` environment. actionlint checks the rest (test:actionlint).
const workflow = readFileSync(resolve(fileURLToPath(import.meta.url), '../../../../.github/workflows/release.yml'), 'utf8');
const job = (name: string) => workflow.split(/\n {2}(?=\S)/).find((section) => section.startsWith(`${name}:`)) ?? '';

test('secrets are only referenced by name, and only the ones without trusted publishing', () => {
  const references = [...workflow.matchAll(/secrets\.(\w+)/g)].map((m) => m[1]).sort();
  assert.deepEqual(references, [
    'GO_GITHUB_TOKEN',
    'MAVEN_GPG_PRIVATE_KEY',
    'MAVEN_GPG_PRIVATE_KEY_PASSPHRASE',
    'MAVEN_PASSWORD',
    'MAVEN_USERNAME',
  ]);
  for (const line of workflow.split('\n').filter((l) => l.includes('secrets.'))) assert.match(line, /: "?\$\{\{ secrets\.\w+ \}\}"?$/);
});

test('npm (with provenance) and PyPI publish with the job OIDC token, no stored token', () => {
  for (const name of ['publish_npm', 'publish_pypi']) {
    assert.match(job(name), /id-token: write/, name);
    assert.doesNotMatch(job(name), /secrets\.|NPM_TOKEN|TWINE_/, name);
  }
  assert.match(job('publish_npm'), /NPM_CONFIG_PROVENANCE: "true"/);
  assert.match(job('publish_npm'), /NPM_TRUSTED_PUBLISHER: "true"/);
  assert.match(job('publish_pypi'), /PYPI_TRUSTED_PUBLISHER: "true"/);
});

test('only a v* tag runs it; the build job checks the tag against the tree and runs the dry run', () => {
  assert.match(workflow, /on:\n {2}push:\n {4}tags:\n {6}- v\*\n/);
  assert.match(job('build'), /npm run release -- --dry-run/);
  for (const name of ['publish_npm', 'publish_pypi', 'publish_maven', 'publish_golang']) assert.match(job(name), /needs: build/, name);
});
