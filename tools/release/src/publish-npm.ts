import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Artifact, checkArtifacts, NPM_PACKAGES, readArtifacts } from './artifacts.ts';
import { agreedVersion } from './preflight.ts';
import { ReleaseError } from './release-error.ts';

/**
 * What `npm run release -- --publish-npm <registry>` publishes, and from where.
 *
 * @example
 * ```ts
 * const options: NpmPublishOptions = { root, artifacts: join(root, 'dist', 'release'), registry: 'http://127.0.0.1:4873/' };
 * ```
 */
export interface NpmPublishOptions {
  readonly root: string;
  /** A release folder in `npm run release`'s layout: its js/ holds the tarballs. */
  readonly artifacts: string;
  /** The registry's URL; never the public npm registry, which only the release workflow publishes to. */
  readonly registry: string;
}

/**
 * The registry-facing steps, replaceable in tests (which prove nothing is published after a refusal).
 *
 * @example
 * ```ts
 * publishNpm(options, { ...npmRegistrySteps, publish: (tarball) => published.push(tarball) });
 * ```
 */
export interface NpmPublishSteps {
  read(out: string): Artifact[];
  /** Whether `name@version` is on the registry already. */
  has(name: string, version: string, registry: string): boolean;
  publish(tarball: string, registry: string): void;
  print(line: string): void;
}

export const npmRegistrySteps: NpmPublishSteps = {
  read: readArtifacts,
  has: (name, version, registry) => {
    const result = npm(['view', `${name}@${version}`, 'version', '--json', '--registry', registry]);
    if (result.status === 0) return result.stdout.trim() !== '';
    // npm answers E404 for a package, or a version of it, the registry does not have.
    if (/\bE404\b/.test(result.stderr)) return false;
    throw new ReleaseError(`cannot ask ${registry} for ${name}@${version}: ${lastLine(result.stderr)}`);
  },
  publish: (tarball, registry) => {
    const result = npm(['publish', tarball, '--registry', registry, '--access', 'public', '--tag', 'latest']);
    if (result.status !== 0) throw new ReleaseError(`npm publish ${tarball} to ${registry} failed: ${lastLine(result.stderr)}`);
  },
  print: (line) => console.log(line),
};

/**
 * Publishes the release's npm tarballs to a registry other than the public one — a local Verdaccio
 * the install suite starts, or a company's own — exactly as built: the same tarballs the consumer
 * suite tested, in dependency order, each skipped when that version is there already (as publib
 * does, so a rerun after a partial publish completes it). Everything is checked before the first
 * publish: the versions agree everywhere and every tarball carries that version and is not private.
 * Returns the lines it printed.
 *
 * @example
 * ```ts
 * publishNpm({ root, artifacts: join(root, 'dist', 'release'), registry: 'http://127.0.0.1:4873/' });
 * ```
 */
export function publishNpm(options: NpmPublishOptions, steps: NpmPublishSteps = npmRegistrySteps): string[] {
  const registry = checkRegistry(options.registry);
  const version = agreedVersion(options.root);
  const artifacts = steps.read(options.artifacts).filter((a) => a.registry === 'npm');
  checkArtifacts(artifacts, version, ['npm']);
  const unpublishable = artifacts.filter((a) => a.private);
  if (unpublishable.length > 0) {
    throw new ReleaseError(`private npm packages cannot be published: ${unpublishable.map((a) => a.name).join(', ')}`);
  }
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    steps.print(line);
  };
  for (const name of NPM_PACKAGES) {
    const artifact = artifacts.find((a) => a.name === name)!;
    if (steps.has(name, version, registry)) {
      say(`${name}@${version} is on ${registry} already: skipped`);
      continue;
    }
    steps.publish(join(options.artifacts, artifact.file), registry);
    say(`published ${name}@${version} to ${registry}`);
  }
  return lines;
}

/** The registry URL, normalised with a trailing slash; refuses what is not one, and the public registry. */
function checkRegistry(registry: string): string {
  let url: URL;
  try {
    url = new URL(registry);
  } catch (error) {
    throw new ReleaseError(`--publish-npm needs a registry URL such as http://127.0.0.1:4873/, not "${registry}"`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ReleaseError(`--publish-npm needs an http(s) registry URL, not "${registry}"`);
  }
  if (url.hostname === 'registry.npmjs.org' || url.hostname === 'registry.yarnpkg.com') {
    throw new ReleaseError(
      'the public npm registry is published to by the release workflow only (trusted publishing, with provenance): ' +
        'push the tag that npm run release cuts',
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function npm(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', args, { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? '';
}
