/**
 * End to end through a registry, as users install: every npm package is published to a local
 * Verdaccio, a fresh project installs them by name, runs the quick start (the README's getting
 * started guide) on dynalite, and
 * the CLI works from `npm install -g` (on Node 20 and 22) and from `npx`.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { freshProject, removeProject } from '../src/fresh-project.js';
import { type LocalRegistry, startLocalRegistry } from '../src/local-registry.js';
import { peerVersions, readManifest } from '../src/manifest.js';
import { nodeBinaries } from '../src/node-binaries.js';
import { PUBLISHED, REPO_ROOT } from '../src/paths.js';
import { mustRun } from '../src/run-command.js';

const { tarballs } = readManifest();
const { found } = nodeBinaries();
const node22 = found.find((node) => node.major === 22);
const version = JSON.parse(readFileSync(join(REPO_ROOT, 'runtime', 'package.json'), 'utf8')).version as string;

let registry: LocalRegistry;
let dynamo: Awaited<ReturnType<typeof startDynalite>>;
let project: string;
const scratch = mkdtempSync(join(tmpdir(), 'ddb-lock-registry-'));

/** The environment of a process that talks to the local dynalite, with `node` first on PATH. */
function localEnv(node: string): NodeJS.ProcessEnv {
  return {
    PATH: `${dirname(node)}${delimiter}${process.env.PATH}`,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * The quick start the README sends a newcomer to: the runnable block of "Getting started in five
 * minutes" (plain JavaScript, an ES module).
 */
function quickStart(): string {
  const guide = readFileSync(join(REPO_ROOT, 'docs', 'guides', 'getting-started.md'), 'utf8');
  const block = /```ts run\n([\s\S]*?)```/.exec(guide)?.[1];
  assert.ok(block, 'docs/guides/getting-started.md has no runnable (```ts run) block');
  return block;
}

before(async () => {
  assert.ok(node22, 'Verdaccio 6.10 runs on Node 22, which npm scripts provide');
  registry = await startLocalRegistry(node22.path);
  dynamo = await startDynalite();
  // Publish with the release command's npm step (`npm run release -- --publish-npm`), from the
  // folder of the tarballs under test (in the release's layout: <folder>/js/*.tgz), with the
  // registry's token in a user config of this test's own.
  const userconfig = join(scratch, '.npmrc');
  writeFileSync(userconfig, registry.npmrc());
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_userconfig'));
  const artifacts = dirname(dirname(tarballs['@ddb-lock/runtime']));
  const released = await mustRun('npm', ['run', 'release', '--', '--publish-npm', registry.url, '--artifacts', artifacts], {
    cwd: REPO_ROOT,
    env: { ...env, npm_config_userconfig: userconfig },
  });
  for (const { name } of PUBLISHED) assert.match(released.stdout, new RegExp(`published ${name}@${version} to ${registry.url}`));
  project = await freshProject('registry', {
    npmrc: registry.npmrc(),
    dependencies: {
      '@ddb-lock/runtime': version,
      '@ddb-lock/construct': version,
      ...peerVersions(['@aws-sdk/client-dynamodb', 'aws-cdk-lib', 'constructs']),
    },
  });
});

after(async () => {
  await registry?.stop();
  await dynamo?.stop();
  if (project) removeProject(project);
  removeProject(scratch);
});

test('a fresh project installs @ddb-lock/runtime and @ddb-lock/construct by name from the registry', async () => {
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
  for (const name of ['@ddb-lock/runtime', '@ddb-lock/construct'] as const) {
    const installed = lock.packages[`node_modules/${name}`];
    // npm records no `resolved` for a scope's own registry; the integrity says it is our tarball.
    assert.equal(installed.version, version, name);
    assert.equal(installed.integrity, `sha512-${createHash('sha512').update(readFileSync(tarballs[name])).digest('base64')}`, name);
    const served = (await (await fetch(new URL(name.replace('/', '%2f'), registry.url))).json()) as { versions: Record<string, unknown> };
    assert.deepEqual(Object.keys(served.versions), [version], `${name} on the local registry`);
  }
});

for (const node of found) {
  test(`Node ${node.major}: the quick start takes a lock, sees it busy from a second try and releases it`, async () => {
    writeFileSync(join(project, 'first-lock.mjs'), quickStart());
    const { stdout } = await mustRun(node.path, ['first-lock.mjs'], { cwd: project, env: localEnv(node.path) });
    assert.match(stdout, /^holding report-2026-12, fencing token \d+\na second try sees it busy\n$/);
    const script = `const { LockClient } = require('@ddb-lock/runtime');
const { getLock } = require('@ddb-lock/runtime/admin');
(async () => {
  const locks = new LockClient({ tableName: 'locks' });
  const lock = await locks.acquire('customer-42', { waitMs: 30000, data: JSON.stringify({ job: 'invoice' }) });
  const held = lock.isValid() && lock.fence > 0;
  await lock.release();
  console.log(JSON.stringify({ held, released: (await getLock(locks, 'customer-42')).released }));
  await locks.close();
})();`;
    const result = await mustRun(node.path, ['-e', script], { cwd: project, env: localEnv(node.path) });
    assert.deepEqual(JSON.parse(result.stdout), { held: true, released: true });
  });
}

test('npm install -g @ddb-lock/cli gives a working ddb-lock on Node 20 and 22', async () => {
  const prefix = join(scratch, 'global');
  await mustRun('npm', ['install', '-g', '--prefix', prefix, `@ddb-lock/cli@${version}`, `--@ddb-lock:registry=${registry.url}`], {
    cwd: scratch,
  });
  for (const node of found) {
    const ddbLock = join(prefix, 'bin', 'ddb-lock');
    const { stdout } = await mustRun(ddbLock, ['--table', 'locks', 'ls', '--all'], { cwd: scratch, env: localEnv(node.path) });
    assert.match(stdout, /customer-42/, `Node ${node.major}`);
  }
});

test('npx @ddb-lock/cli --help runs the published CLI', async () => {
  const { stdout } = await mustRun('npx', ['--yes', '@ddb-lock/cli', '--help'], { cwd: project });
  assert.match(stdout, /Usage: ddb-lock/);
});
