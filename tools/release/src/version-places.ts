import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One place in the tree that states the release version, and what it says.
 *
 * @example
 * ```ts
 * const place: VersionPlace = { place: 'runtime/package.json', version: '0.1.0' };
 * ```
 */
export interface VersionPlace {
  readonly place: string;
  readonly version: string;
}

/** The file that holds the one version; every other place is generated from it by projen. */
export const VERSION_SOURCE = 'projenrc/release-version.ts';

const json = (root: string, file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const constant = (root: string, file: string, name: string): string =>
  new RegExp(`${name} = '([^']*)'`).exec(readFileSync(join(root, file), 'utf8'))?.[1] ?? `(no ${name} found)`;

/**
 * Every place that states the version: the source, the npm packages (the construct's version is
 * also its jsii targets' — pacmak derives the wheel, jar and Go module versions from it), the
 * CLI's range on the runtime (as the version it starts from) and the runtime's VERSION constant.
 *
 * @example
 * ```ts
 * const versions = new Set(versionPlaces(root).map((p) => p.version)); // one element when they agree
 * ```
 */
export function versionPlaces(root: string): VersionPlace[] {
  const cli = json(root, 'cli/package.json');
  return [
    { place: VERSION_SOURCE, version: constant(root, VERSION_SOURCE, 'releaseVersion') },
    { place: 'runtime/package.json', version: json(root, 'runtime/package.json').version },
    { place: 'cli/package.json', version: cli.version },
    // ^x.y.z or ~x.y.z must start at this release: the CLI is tested against this runtime.
    {
      place: "cli/package.json's range on @ddb-lock/runtime",
      version: String(cli.dependencies?.['@ddb-lock/runtime']).replace(/^[\^~]/, ''),
    },
    { place: 'construct/package.json (and its jsii targets)', version: json(root, 'construct/package.json').version },
    { place: 'runtime/src/version.ts', version: constant(root, 'runtime/src/version.ts', 'VERSION') },
  ];
}
