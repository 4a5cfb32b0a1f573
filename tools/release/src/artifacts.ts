import { type StdioOptions, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ReleaseError } from './release-error.ts';

/**
 * One built artifact and the version it carries, read from the artifact itself.
 *
 * @example
 * ```ts
 * const wheel = 'python/ddb_lock_construct-0.1.0-py3-none-any.whl';
 * const a: Artifact = { registry: 'PyPI', name: 'ddb_lock_construct', version: '0.1.0', file: wheel };
 * ```
 */
export interface Artifact {
  readonly registry: 'npm' | 'PyPI' | 'Maven Central' | 'Go module';
  readonly name: string;
  readonly version: string;
  /** Relative to the release folder (dist/release). */
  readonly file: string;
  /** An npm package marked private cannot be published. */
  readonly private?: boolean;
}

/** Every registry a release publishes to. */
const REGISTRIES: readonly Artifact['registry'][] = ['npm', 'PyPI', 'Maven Central', 'Go module'];

/** The npm packages a release publishes (their workspaces), in dependency order: the runtime first. */
export const NPM_PACKAGES = ['@ddb-lock/runtime', '@ddb-lock/cli', '@ddb-lock/construct'];

/**
 * Builds every artifact into `out` (dist/release) in the layout publib publishes from: js/ (npm
 * tarballs from `npm pack`), python/ (wheel and sdist), java/ (a Maven repository), go/ (the
 * module folder) and go-proxy/ (the same module as a GOPROXY=file:// folder, for consumers).
 * The runtime's and CLI's builds run when they exist (`--if-present`).
 *
 * @example
 * ```ts
 * buildArtifacts(root, join(root, 'dist', 'release'));
 * ```
 */
export function buildArtifacts(root: string, out: string): void {
  for (const pkg of NPM_PACKAGES) run(root, 'npm', ['run', 'build', '-w', pkg, '--if-present'], false);
  // wheel, jar, Go module (and the construct's own js tarball) by jsii-pacmak
  run(root, 'npm', ['run', 'package', '-w', '@ddb-lock/construct'], false);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'js'), { recursive: true });
  run(root, 'npm', ['pack', ...NPM_PACKAGES.flatMap((p) => ['-w', p]), '--pack-destination', join(out, 'js')], false);
  const dist = join(root, 'construct', 'dist');
  for (const folder of ['python', 'java', 'go', 'go-proxy']) cpSync(join(dist, folder), join(out, folder), { recursive: true });
}

/**
 * Every artifact in `out` with the version read from it: npm tarballs' package.json, wheel and
 * sdist file names, the Maven repository's version folders, the Go module's `version` file and
 * its proxy listing.
 *
 * @example
 * ```ts
 * for (const a of readArtifacts(out)) console.log(a.registry, a.name, a.version);
 * ```
 */
export function readArtifacts(out: string): Artifact[] {
  const artifacts: Artifact[] = [];
  for (const file of list(join(out, 'js')).filter((f) => f.endsWith('.tgz'))) {
    const manifest = JSON.parse(run(out, 'tar', ['-xzOf', join(out, 'js', file), 'package/package.json']));
    artifacts.push({
      registry: 'npm',
      name: manifest.name,
      version: manifest.version,
      file: `js/${file}`,
      private: manifest.private === true,
    });
  }
  for (const file of list(join(out, 'python'))) {
    const match = /^(.+?)-([^-]+?)(?:-[^-]+-[^-]+-[^-]+\.whl|\.tar\.gz)$/.exec(file);
    if (match) artifacts.push({ registry: 'PyPI', name: match[1], version: match[2], file: `python/${file}` });
  }
  for (const pom of walk(join(out, 'java')).filter((f) => f.endsWith('.pom'))) {
    const [, group, artifact, version] = /^(.+)\/([^/]+)\/([^/]+)\/[^/]+\.pom$/.exec(pom) ?? [];
    if (group)
      artifacts.push({ registry: 'Maven Central', name: `${group.replaceAll('/', '.')}:${artifact}`, version, file: `java/${pom}` });
  }
  for (const module of list(join(out, 'go'))) {
    const goMod = readFileSync(join(out, 'go', module, 'go.mod'), 'utf8');
    const name = /^module (\S+)/m.exec(goMod)?.[1] ?? module;
    const version = readFileSync(join(out, 'go', module, 'version'), 'utf8').trim();
    artifacts.push({ registry: 'Go module', name, version: version.replace(/^v/, ''), file: `go/${module}` });
    const listed = join(out, 'go-proxy', name, '@v', 'list');
    if (existsSync(listed)) {
      for (const v of readFileSync(listed, 'utf8').split('\n').filter(Boolean)) {
        artifacts.push({ registry: 'Go module', name, version: v.replace(/^v/, ''), file: `go-proxy/${name}/@v/${v}.zip` });
      }
    }
  }
  return artifacts;
}

/**
 * Throws {@link ReleaseError} unless every expected artifact of `registries` (all by default) is
 * there and carries `version`.
 *
 * @example
 * ```ts
 * checkArtifacts(readArtifacts(out), '0.1.0');
 * ```
 */
export function checkArtifacts(
  artifacts: readonly Artifact[],
  version: string,
  registries: readonly Artifact['registry'][] = REGISTRIES,
): void {
  const problems = artifacts
    .filter((a) => registries.includes(a.registry) && a.version !== version)
    .map((a) => `${a.file}: ${a.name} is ${a.version}, not ${version}`);
  if (registries.includes('npm'))
    for (const pkg of NPM_PACKAGES) if (!artifacts.some((a) => a.name === pkg)) problems.push(`no npm tarball of ${pkg}`);
  for (const registry of registries.filter((r) => r !== 'npm')) {
    if (!artifacts.some((a) => a.registry === registry)) problems.push(`no artifact for ${registry}`);
  }
  if (problems.length > 0) throw new ReleaseError(`the artifacts do not all carry version ${version}:\n  ${problems.join('\n  ')}`);
}

function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Every file under `dir`, as paths relative to it. */
function walk(dir: string, prefix = ''): string[] {
  if (!existsSync(join(dir, prefix))) return [];
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(dir, rel) : [rel];
  });
}

/** Runs a command; its output is returned (`capture`) or shown as it comes (a build's progress). */
function run(cwd: string, command: string, args: string[], capture = true): string {
  const stdio: StdioOptions = capture ? ['ignore', 'pipe', 'inherit'] : 'inherit';
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new ReleaseError(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  return result.stdout ?? '';
}
