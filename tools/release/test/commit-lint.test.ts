import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { commitsSince, lintMessages } from '../src/commit-lint.ts';
import { ReleaseError } from '../src/release-error.ts';

const message = (text: string) => [{ sha: 'abc1234def567', message: text }];

test('conventional commits pass: type, scope, breaking mark, body and footer', async () => {
  for (const ok of [
    'fix(runtime): a heartbeat in flight no longer renews after release',
    'feat(semaphore)!: permits are counted per key\n\nBREAKING CHANGE: the permit key scheme changed.',
    'docs: the cost page gains the election rows',
    'test(consumer): the registry test publishes through npm run release',
  ]) {
    assert.deepEqual(await lintMessages(message(ok)), [], ok);
  }
});

test('messages that are not conventional commits are refused, with the reason', async () => {
  const cases: [string, RegExp][] = [
    ['CI fixes: the registry test lists with ls --all', /type must be one of|subject may not be empty|type may not be empty/],
    ['Fixed the heartbeat', /type may not be empty/],
    [`feat: ${'x'.repeat(120)}`, /header must not be longer than 100 characters/],
    ['chore(release) missing colon', /type may not be empty|subject may not be empty/],
  ];
  for (const [text, reason] of cases) {
    const [refused] = await lintMessages(message(text));
    assert.ok(refused, `accepted: ${text}`);
    assert.equal(refused.sha, 'abc1234def56');
    assert.match(refused.problems.join('\n'), reason, text);
  }
});

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('only the commits after the baseline are read, merges left out', () => {
  const repo = mkdtempSync(join(tmpdir(), 'ddb-lock-commits-'));
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 't@example.com');
  git(repo, 'config', 'user.name', 'test');
  const commit = (file: string, text: string) => {
    writeFileSync(join(repo, file), text);
    git(repo, 'add', file);
    git(repo, 'commit', '-q', '-m', text);
  };
  commit('a', 'an old message from before');
  const baseline = git(repo, 'rev-parse', 'HEAD');
  commit('b', 'feat: one');
  git(repo, 'checkout', '-q', '-b', 'side');
  commit('c', 'fix: two');
  git(repo, 'checkout', '-q', 'main');
  commit('d', 'docs: three');
  git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge branch side', 'side');
  assert.deepEqual(
    commitsSince(repo, baseline)
      .map((c) => c.message)
      .sort(),
    ['docs: three', 'feat: one', 'fix: two'],
  );
  assert.throws(
    () => commitsSince(repo, '0123456789abcdef0123456789abcdef01234567'),
    (e: Error) => e instanceof ReleaseError && /git fetch --unshallow/.test(e.message),
  );
});
