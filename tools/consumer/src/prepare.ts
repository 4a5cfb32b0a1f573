/**
 * Step one of the install suite: build what is not built, pack every published npm package into
 * .packs/, and install the tarballs into two fresh projects outside the repo — `bare` (the runtime,
 * the SDK and TypeScript: nothing optional) and `full` (with every optional peer a user of each
 * subpath has). The test files read .packs/manifest.json.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshProject, removeProject } from './fresh-project.js';
import { MANIFEST_FILE, type Manifest, peerVersions, readManifest } from './manifest.js';
import { PACKS_DIR, PUBLISHED, REPO_ROOT } from './paths.js';
import { mustRun } from './run-command.js';

const started = performance.now();

/**
 * The tarballs to test: the release's own (`npm run release` sets DDB_LOCK_RELEASE_ARTIFACTS to
 * its output, whose js/ holds them), or packed here from the workspaces.
 */
async function packOrTake(releaseArtifacts: string | undefined): Promise<Manifest['tarballs']> {
  if (releaseArtifacts) {
    const dir = join(releaseArtifacts, 'js');
    const files = readdirSync(dir).filter((file) => file.endsWith('.tgz'));
    return Object.fromEntries(
      PUBLISHED.map(({ name }) => {
        const file = files.find((candidate) => candidate.startsWith(`${name.slice(1).replace('/', '-')}-`));
        if (!file) throw new Error(`no tarball of ${name} in ${dir}`);
        return [name, join(dir, file)];
      }),
    ) as Manifest['tarballs'];
  }
  // Into js/, the layout of the release's own folder, so the registry test can hand .packs to the
  // release command's npm publishing as it would hand dist/release.
  const workspaces = PUBLISHED.flatMap(({ workspace }) => ['-w', workspace]);
  const into = join(PACKS_DIR, 'js');
  mkdirSync(into, { recursive: true });
  const packed = await mustRun('npm', ['pack', '--json', '--pack-destination', into, ...workspaces], { cwd: REPO_ROOT });
  return Object.fromEntries(
    (JSON.parse(packed.stdout) as { name: string; filename: string }[]).map(({ name, filename }) => [name, join(into, filename)]),
  ) as Manifest['tarballs'];
}

// The root `npm test` has built the runtime and the CLI and the construct's own tests its jsii
// build; build here only what is missing, so this suite also runs alone.
for (const { workspace } of PUBLISHED) {
  const built = workspace === 'construct' ? join(REPO_ROOT, 'construct', '.jsii') : join(REPO_ROOT, workspace, 'lib');
  if (!existsSync(built)) await mustRun('npm', ['run', 'build', '-w', workspace], { cwd: REPO_ROOT });
}

// The last run's projects go first, so repeated runs leave one set behind at most.
if (existsSync(join(PACKS_DIR, MANIFEST_FILE))) for (const dir of Object.values(readManifest().projects)) removeProject(dir);
rmSync(PACKS_DIR, { recursive: true, force: true });
mkdirSync(PACKS_DIR, { recursive: true });
const tarballs = await packOrTake(process.env.DDB_LOCK_RELEASE_ARTIFACTS);

const runtime = `file:${tarballs['@ddb-lock/runtime']}`;
const bare = { '@ddb-lock/runtime': runtime, ...peerVersions(['@aws-sdk/client-dynamodb', 'typescript', '@types/node']) };
const [bareDir, fullDir] = await Promise.all([
  freshProject('bare', { dependencies: bare }),
  freshProject('full', {
    dependencies: {
      ...bare,
      ...peerVersions([
        '@middy/core',
        '@aws/durable-execution-sdk-js',
        '@types/aws-lambda',
        '@aws-lambda-powertools/logger',
        '@aws-lambda-powertools/metrics',
        '@aws-lambda-powertools/tracer',
        '@aws-lambda-powertools/batch',
        '@opentelemetry/api',
      ]),
    },
  }),
]);

const manifest: Manifest = { tarballs, projects: { bare: bareDir, full: fullDir } };
writeFileSync(join(PACKS_DIR, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
const seconds = Math.round((performance.now() - started) / 1000);
console.log(`consumer: packed ${Object.keys(tarballs).length} packages, installed 2 projects in ${seconds} s`);
