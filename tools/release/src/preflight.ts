import { spawnSync } from 'node:child_process';
import { missingCommands } from '@ddb-lock/local-dynamo';
import { ReleaseError } from './release-error.ts';
import { checkSemver } from './semver.ts';
import { VERSION_SOURCE, versionPlaces } from './version-places.ts';

/**
 * What the release checks before it builds anything.
 *
 * @example
 * ```ts
 * const options: PreflightOptions = { root: process.cwd(), dryRun: true };
 * ```
 */
export interface PreflightOptions {
  readonly root: string;
  /** A dry run builds and checks but cuts nothing: a dirty tree is allowed. */
  readonly dryRun: boolean;
  /** `git status --porcelain` of the tree; reads the real one by default. */
  readonly gitStatus?: (root: string) => string;
  /** Whether the tag exists already; asks git by default. */
  readonly tagExists?: (root: string, tag: string) => boolean;
  /** The PATH to look for the jsii targets' toolchains in. */
  readonly path?: string;
}

/** The toolchains jsii-pacmak needs for the wheel, the jar and the Go module. */
const TOOLCHAINS = ['python3', 'java', 'javac', 'mvn', 'go'];

/**
 * Refuses, with a {@link ReleaseError} naming the fix, a release whose input is wrong: a version
 * that is not semver, places that disagree, a dirty tree or an existing tag for a real release, a
 * missing toolchain.
 * Returns the version to release. Reads files and asks git only.
 *
 * @example
 * ```ts
 * const version = preflight({ root, dryRun: false }); // throws on a dirty tree
 * ```
 */
export function preflight(options: PreflightOptions): string {
  const version = agreedVersion(options.root);
  if (!options.dryRun) {
    const dirty = (options.gitStatus ?? gitStatus)(options.root).trimEnd();
    if (dirty.trim()) {
      throw new ReleaseError(`the git tree is dirty; a release is cut from a commit. Commit or stash these, or pass --dry-run:\n${dirty}`);
    }
    const tag = `v${version}`;
    if ((options.tagExists ?? tagExists)(options.root, tag)) {
      throw new ReleaseError(`tag ${tag} exists already: that version was cut; set the next one with npm run bump -- <version>`);
    }
  }
  const missing = missingCommands(TOOLCHAINS, options.path ?? process.env.PATH);
  if (missing) throw new ReleaseError(`the wheel, the jar and the Go module need Python, a JDK with Maven and Go: ${missing}`);
  return version;
}

/**
 * The one release version, after checking that every place states it and that it is semver;
 * throws {@link ReleaseError} naming each place otherwise. Reads files only.
 *
 * @example
 * ```ts
 * const version = agreedVersion(process.cwd()); // '0.1.0'
 * ```
 */
export function agreedVersion(root: string): string {
  const places = versionPlaces(root);
  for (const { place, version } of places) checkSemver(version, place);
  if (new Set(places.map((p) => p.version)).size > 1) {
    const table = places.map(({ place, version }) => `  ${version.padEnd(12)} ${place}`).join('\n');
    throw new ReleaseError(
      `the versions disagree:\n${table}\nset the one version in ${VERSION_SOURCE} (npm run bump -- <version>) and run npm run projen`,
    );
  }
  return places[0].version;
}

function gitStatus(root: string): string {
  const result = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new ReleaseError(`git status failed in ${root}: ${result.stderr}`);
  return result.stdout;
}

function tagExists(root: string, tag: string): boolean {
  return spawnSync('git', ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`], { cwd: root }).status === 0;
}
