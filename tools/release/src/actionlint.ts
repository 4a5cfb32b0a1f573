/**
 * `npm run test:actionlint -w @ddb-lock/release`: the workflows under .github/workflows through
 * actionlint, pinned in projenrc/versions.ts and built with `go install` from the Go module proxy
 * into the repo's git-ignored .cache/bin (once; the module and build caches stay in .cache/ too).
 * Run behind needs-toolchain: without Go, one skip line (CI fails instead).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
// Pinned in projenrc/versions.ts; projen writes it into this package's package.json.
const version: string = JSON.parse(readFileSync(join(root, 'tools', 'release', 'package.json'), 'utf8')).config.actionlint;
const cache = join(root, '.cache');
const bin = join(cache, 'bin');
const actionlint = join(bin, `actionlint-${version}`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(command, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
}

if (!existsSync(actionlint)) {
  const env = {
    ...process.env,
    GOBIN: join(cache, 'bin', `actionlint-${version}.d`),
    GOPATH: join(cache, 'go'),
    GOMODCACHE: join(cache, 'go', 'pkg', 'mod'),
    GOCACHE: join(cache, 'go-build'),
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
  };
  const status = run('go', ['install', `github.com/rhysd/actionlint/cmd/actionlint@v${version}`], env);
  if (status !== 0) process.exit(status);
  // The versioned name: a pin change in versions.ts builds the new one instead of running the old.
  renameSync(join(env.GOBIN, 'actionlint'), actionlint);
  rmSync(env.GOBIN, { recursive: true });
}
const workflows = readdirSync(join(root, '.github', 'workflows')).map((f) => join('.github', 'workflows', f));
const status = run(actionlint, ['-no-color', ...workflows]);
if (status === 0) console.log(`actionlint ${version}: ${workflows.length} workflow(s) clean`);
process.exit(status);
