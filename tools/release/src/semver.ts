import { ReleaseError } from './release-error.ts';

// The regular expression semver.org publishes for SemVer 2.0.0 (no leading "v", no leading zeros).
const IDENTIFIER = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)';
const SEMVER = new RegExp(
  '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)' +
    `(?:-(${IDENTIFIER}(?:\\.${IDENTIFIER})*))?` +
    '(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$',
);

/**
 * Throws {@link ReleaseError} unless `version` is a SemVer 2.0.0 version; `where` names its origin.
 *
 * @example
 * ```ts
 * checkSemver('1.2.3', 'the command line'); // passes
 * checkSemver('v1.2', 'the command line');  // ReleaseError: "v1.2" (the command line) is not a semantic version …
 * ```
 */
export function checkSemver(version: string, where: string): void {
  if (!SEMVER.test(version)) {
    throw new ReleaseError(`"${version}" (${where}) is not a semantic version: expected MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1`);
  }
}
