import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BIN, REPO_ROOT, runBin } from './support/bin.js';
import { countingServer } from './support/counting-server.js';
import { createTable, onRealDynamoDb, startTarget } from './support/local-target.js';

// Exit codes and messages of the real bin for everything that must fail before (or without)
// a lock request: usage errors, missing credentials, a missing table, an unreachable server.
let server: Awaited<ReturnType<typeof countingServer>>;
let target: Awaited<ReturnType<typeof startTarget>>;
const fakeEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'fake',
  AWS_SECRET_ACCESS_KEY: 'fake',
  AWS_EC2_METADATA_DISABLED: 'true',
};

before(async () => {
  server = await countingServer();
  target = await startTarget();
});
after(async () => {
  await server.close();
  await target.stop();
});

test("npm ci links node_modules/.bin/ddb-lock to the cli package's bin", () => {
  assert.equal(realpathSync(BIN), join(REPO_ROOT, 'cli', 'bin', 'ddb-lock.mjs'));
});

test('--help on every command exits 0 with examples', async () => {
  for (const command of [[], ['ls'], ['inspect'], ['watch'], ['release'], ['run'], ['lead']]) {
    const { code, stdout } = await runBin([...command, '--help'], { env: fakeEnv });
    assert.equal(code, 0, command.join(' '));
    assert.match(stdout, /Examples:\n {2}\$ ddb-lock/, command.join(' '));
  }
  const { stdout } = await runBin(['--help'], { env: fakeEnv });
  for (const code of ['64', '65', '66', '69', '75', '76', '77'])
    assert.match(stdout, new RegExp(`\\n {2}${code} `), `exit code ${code} documented`);
});

test('bad input: exit 64, one line naming the problem, and no request sent', async () => {
  const e = ['--endpoint', server.endpoint, '--table', 'locks'];
  const cases: [string[], RegExp][] = [
    [[...e, 'ls', '--bogus'], /unknown option '--bogus'/],
    [[...e, 'ls', '--held', '--stuck'], /give at most one of --held, --stuck and --all/],
    [[...e, 'frobnicate'], /unknown command 'frobnicate'/],
    [[...e, 'inspect'], /missing required argument 'key'/],
    [[...e, 'inspect', ''], /key must be a non-empty string/],
    [[...e, 'watch', '--interval', 'soon'], /"soon" is not a duration/],
    [[...e, 'watch', '--interval', '0s'], /--interval must be more than 0/],
    [[...e, 'watch', 'job', '--prefix', 'j'], /KEY or --prefix, not both/],
    [[...e, 'release', 'job'], /exactly one of --fence N .* and --force/],
    [[...e, 'release', 'job', '--fence', '3', '--force'], /exactly one of/],
    [[...e, 'release', 'job', '--fence', '-3'], /"-3" is not a fencing token/],
    [[...e, 'release', 'job', '--fence', '12abc'], /"12abc" is not a fencing token/],
    [[...e, 'release', 'job', '--fence', '3', '--yes'], /--yes only applies to --force/],
    [[...e, 'run', 'job'], /missing required argument 'command'/],
    [[...e, 'run', 'job', '--wait', '30', '--', 'true'], /"30" is not a duration/],
    [[...e, 'run', 'job', '--lease', '1s', '--grace', 'x', '--', 'true'], /"x" is not a duration/],
    [[...e, 'run', 'job', '--lease', '500ms', '--', 'true'], /--lease must be at least 1s, got 500ms/],
    [[...e, 'run', 'job', 'echo', '--flag'], /unknown option '--flag'/], // the command's flags need `--`
    [[...e, 'lead', 'sched'], /missing required argument 'command'/],
    [[...e, 'lead', 'sched', '--lease', '500ms', '--', 'true'], /--lease must be at least 1s, got 500ms/],
    [[...e, 'lead', 'sched', '--grace', 'x', '--', 'true'], /"x" is not a duration/],
    [[...e, 'lead', '', '--', 'true'], /election name must be a non-empty string/],
    [['--endpoint', server.endpoint, 'ls'], /no table: pass --table NAME or set DDB_LOCK_TABLE_NAME/],
    [['--endpoint', 'ftp://x', '--table', 'locks', 'ls'], /--endpoint must be an http/],
    [['--endpoint', 'not a url', '--table', 'locks', 'ls'], /is not a URL/],
    [[...e, 'inspect', 'k'.repeat(2049)], /key is 2049 bytes; DynamoDB allows at most 2048/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runBin(args, { env: fakeEnv });
    const label = args.slice(2).join(' ').slice(0, 80);
    assert.equal(code, 64, `${label}: ${stderr}`);
    assert.match(stderr, message, label);
    assert.match(stderr, /^ddb-lock: [^\n]+\n$/, `one line: ${label}`);
    assert.equal(stdout, '', label);
  }
  assert.equal(server.requests(), 0);
});

test('no credentials in the environment: exit 77, and the SDK never reaches the network', async () => {
  const env = {
    PATH: process.env.PATH,
    HOME: '/nonexistent',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  for (const args of [['ls'], ['inspect', 'job'], ['release', 'job', '--force', '--yes'], ['run', 'job', '--', 'true']]) {
    const { code, stderr } = await runBin(['--endpoint', server.endpoint, '--table', 'locks', ...args], { env });
    assert.equal(code, 77, `${args[0]}: ${stderr}`);
    assert.match(stderr, /^ddb-lock: AWS credentials: Could not load credentials from any providers .*\n$/);
  }
  assert.equal(server.requests(), 0);
});

test('a table that does not exist: exit 66 for every command', async () => {
  const flags = [...(target.endpoint ? ['--endpoint', target.endpoint] : []), '--table', 'ddb-lock-cli-test-no-such-table'];
  for (const args of [['ls'], ['inspect', 'job'], ['watch', 'job'], ['release', 'job', '--fence', '1'], ['run', 'job', '--', 'true']]) {
    const { code, stderr } = await runBin([...flags, ...args], { env: target.env });
    assert.equal(code, 66, `${args[0]}: ${stderr}`);
    assert.equal(stderr, 'ddb-lock: table "ddb-lock-cli-test-no-such-table" not found (check --table and the region)\n');
  }
});

test('DynamoDB answering 500 until the deadline: exit 69', { skip: onRealDynamoDb && 'needs a local failing server' }, async () => {
  const before = server.requests();
  const { code, stderr } = await runBin(['--endpoint', server.endpoint, '--table', 'locks', 'ls'], { env: fakeEnv });
  assert.equal(code, 69, stderr);
  assert.match(stderr, /^ddb-lock: DynamoDB unavailable: ScanCommand did not complete within its deadline/);
  assert.ok(server.requests() > before + 1, 'retried within the deadline');
});

test('the table comes from DDB_LOCK_TABLE_NAME when --table is not given', async () => {
  const table = await createTable(target);
  try {
    const { code, stdout } = await runBin([...table.flags.filter((f, i, all) => f !== '--table' && all[i - 1] !== '--table'), 'ls'], {
      env: { ...target.env, DDB_LOCK_TABLE_NAME: table.tableName },
    });
    assert.equal(code, 0);
    assert.equal(stdout, '(no locks)\n');
  } finally {
    await table.delete();
  }
});
