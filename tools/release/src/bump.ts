/**
 * `npm run bump -- <version>`: sets the one version (projenrc/release-version.ts), regenerates
 * every place that states it (npm run projen), and adds the version's section to CHANGELOG.md
 * from the conventional commits since the last v* tag (commit-and-tag-version, as projen's release
 * does; nothing committed or tagged). The first release, 0.1.0, only dates the section seeded from
 * the history before conventional commits. Commit the result, then `npm run release`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReleaseError } from './release-error.ts';
import { checkSemver } from './semver.ts';
import { VERSION_SOURCE } from './version-places.ts';

/**
 * The steps after the version is written, replaceable in tests.
 *
 * @example
 * ```ts
 * bump(root, '0.2.0', { regenerate: () => {}, changelog: () => {} });
 * ```
 */
export interface BumpSteps {
  regenerate(root: string): void;
  changelog(root: string, version: string, today: string): void;
}

export const defaultBumpSteps: BumpSteps = {
  regenerate: (root) => run(root, 'npm', ['run', 'projen'], { ...process.env, PROJEN_DISABLE_POST: 'true' }),
  changelog: (root, version, today) => {
    const file = join(root, 'CHANGELOG.md');
    const seeded = `## ${version} (unreleased)`;
    const text = readFileSync(file, 'utf8');
    if (text.includes(seeded)) {
      writeFileSync(file, text.replace(seeded, `## ${version} (${today})`));
      return;
    }
    const cli = fileURLToPath(import.meta.resolve('commit-and-tag-version/bin/cli.js'));
    // Settings in .versionrc.json (projenrc/release.ts): the changelog only, nothing committed or tagged.
    // The links take the repository from the construct's package.json (the root's has none; catv
    // 13.2.1 reads these three from the command line only, not from .versionrc.json).
    const repository = String(JSON.parse(readFileSync(join(root, 'construct', 'package.json'), 'utf8')).repository?.url ?? '')
      .replace(/^git\+/, '')
      .replace(/\.git$/, '');
    const links = [
      ['--commitUrlFormat', `${repository}/commit/{{hash}}`],
      ['--compareUrlFormat', `${repository}/compare/{{previousTag}}...{{currentTag}}`],
      ['--issueUrlFormat', `${repository}/issues/{{id}}`],
    ].flat();
    run(root, process.execPath, [cli, '--release-as', version, ...(repository ? links : [])], process.env);
  },
};

/**
 * Sets the release version everywhere; refuses a version that is not semver before touching a file.
 *
 * @example
 * ```ts
 * bump(process.cwd(), '0.2.0');
 * ```
 */
export function bump(root: string, version: string | undefined, steps: BumpSteps = defaultBumpSteps): void {
  if (version === undefined) throw new ReleaseError('usage: npm run bump -- <version> (e.g. 0.2.0)');
  checkSemver(version, 'npm run bump');
  const source = join(root, VERSION_SOURCE);
  const text = readFileSync(source, 'utf8');
  if (!/releaseVersion = '[^']*'/.test(text)) throw new ReleaseError(`${VERSION_SOURCE} has no releaseVersion line to change`);
  writeFileSync(source, text.replace(/releaseVersion = '[^']*'/, `releaseVersion = '${version}'`));
  steps.regenerate(root);
  steps.changelog(root, version, new Date().toISOString().slice(0, 10));
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) throw new ReleaseError(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.length > 3) throw new ReleaseError('usage: npm run bump -- <version> (one version)');
    bump(resolve(fileURLToPath(import.meta.url), '../../../..'), process.argv[2]);
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`bump refused: ${error.message}`);
    process.exitCode = 1;
  }
}
