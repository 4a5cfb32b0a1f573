/**
 * `npm run check:commits -w tools/release` (in `npm test`): every commit after the last one that
 * predates conventional commits (package.json `config.conventionalCommitsSince`) must be a
 * conventional commit, judged by commitlint's own conventional config — the messages
 * CHANGELOG.md is generated from by `npm run bump`. Merge commits are ignored, as commitlint does.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import conventional from '@commitlint/config-conventional';
import lint from '@commitlint/lint';
import conventionalPreset from 'conventional-changelog-conventionalcommits';
import { ReleaseError } from './release-error.ts';

/**
 * One commit whose message commitlint refused, with its reasons.
 *
 * @example
 * ```ts
 * const bad: RefusedCommit = { sha: 'abc1234', header: 'fixed stuff', problems: ['type may not be empty'] };
 * ```
 */
export interface RefusedCommit {
  readonly sha: string;
  readonly header: string;
  readonly problems: string[];
}

/**
 * Lints each message with the conventional config; returns the refused ones (warnings pass).
 *
 * @example
 * ```ts
 * await lintMessages([{ sha: 'abc1234', message: 'fix(runtime): heartbeat after release' }]); // []
 * ```
 */
export async function lintMessages(commits: readonly { sha: string; message: string }[]): Promise<RefusedCommit[]> {
  // The config names its parser preset; commitlint's CLI loads it so, and so does the changelog.
  // (Its declared return type is `{}`; it returns { parser, writer, whatBump, commits }.)
  const { parser } = (await conventionalPreset()) as { parser: NonNullable<Parameters<typeof lint>[2]>['parserOpts'] };
  const refused: RefusedCommit[] = [];
  for (const { sha, message } of commits) {
    const outcome = await lint(message, conventional.rules, { parserOpts: parser });
    if (outcome.valid) continue;
    refused.push({
      sha: sha.slice(0, 12),
      header: message.split('\n')[0] ?? '',
      problems: outcome.errors.map((e) => `${e.message} (${e.name})`),
    });
  }
  return refused;
}

/**
 * The messages of the commits in `since..HEAD`, oldest first, merges left out. Refuses, naming the
 * fix, a clone that lacks `since` (a shallow clone cannot say which commits are new).
 *
 * @example
 * ```ts
 * const commits = commitsSince(root, 'e8d7b5effb6f2f10887bf8c481d7b3f31dbbb476');
 * ```
 */
export function commitsSince(root: string, since: string): { sha: string; message: string }[] {
  const known = spawnSync('git', ['cat-file', '-e', `${since}^{commit}`], { cwd: root });
  if (known.status !== 0) {
    throw new ReleaseError(
      `commit ${since} (where conventional commits begin) is not in this clone; fetch the full history (git fetch --unshallow)`,
    );
  }
  const log = spawnSync('git', ['log', '--reverse', '--no-merges', '--format=%H%x00%B%x1e', `${since}..HEAD`], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (log.status !== 0) throw new ReleaseError(`git log failed in ${root}: ${log.stderr}`);
  return log.stdout
    .split('\x1e')
    .map((entry) => entry.replace(/^\n/, ''))
    .filter((entry) => entry.includes('\x00'))
    .map((entry) => {
      const [sha = '', message = ''] = entry.split('\x00');
      return { sha, message: message.trim() };
    });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../../../..');
  const manifest = JSON.parse(readFileSync(resolve(root, 'tools/release/package.json'), 'utf8'));
  const since: string = manifest.config.conventionalCommitsSince;
  const shallow = spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';
  try {
    if (shallow) {
      // A shallow clone (a CI that fetches one commit) cannot say which commits are new: the check
      // belongs to a full clone, where every commit since the baseline is read.
      console.log(`check:commits skipped: a shallow clone lacks the history since ${since.slice(0, 12)} (git fetch --unshallow)`);
      process.exit(0);
    }
    const commits = commitsSince(root, since);
    const refused = await lintMessages(commits);
    for (const { sha, header, problems } of refused) console.error(`✗ ${sha} ${header}\n    ${problems.join('\n    ')}`);
    if (refused.length > 0) {
      console.error(
        `${refused.length} of ${commits.length} commits since ${since.slice(0, 12)} are not conventional commits ` +
          '(https://www.conventionalcommits.org: "type(scope): subject", header ≤ 100 characters, body lines ≤ 100); ' +
          'reword them (git rebase -i) before they reach main',
      );
      process.exitCode = 1;
    } else {
      console.log(`commits: ${commits.length} since ${since.slice(0, 12)}, all conventional`);
    }
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(`check:commits refused: ${error.message}`);
    process.exitCode = 1;
  }
}
