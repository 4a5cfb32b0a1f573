import { Command, InvalidArgumentError, Option } from 'commander';
import { type InspectOptions, inspect } from './commands/inspect.js';
import { lead } from './commands/lead.js';
import { ls } from './commands/ls.js';
import { release } from './commands/release.js';
import { run } from './commands/run.js';
import { type WatchOptions, watch } from './commands/watch.js';
import type { ConnectionOptions } from './connection.js';
import { parseDuration } from './duration.js';
import { EXIT_CODES_HELP } from './exit-codes-help.js';

/**
 * The `ddb-lock` command tree. Each action stores its exit code in `result.code`; commander's own
 * errors (unknown flag, missing argument, bad duration) surface as exceptions (exitOverride).
 *
 * @example
 * ```ts
 * const { program, result } = buildProgram();
 * await program.parseAsync(['node', 'ddb-lock', 'ls', '--table', 'locks']);
 * process.exitCode = result.code;
 * ```
 */
export function buildProgram(): { program: Command; result: { code: number } } {
  const result = { code: 0 };
  const set = (code: number) => {
    result.code = code;
  };
  const program = new Command('ddb-lock')
    .description('List, inspect, watch and release ddb-lock locks in a DynamoDB table; run a command under a lock.')
    .option('--table <name>', 'lock table (default: $DDB_LOCK_TABLE_NAME)')
    .option('--endpoint <url>', "DynamoDB endpoint, e.g. http://127.0.0.1:8000 for a local server (default: the SDK's)")
    .option('--partition-key-name <name>', 'partition key attribute of the table', 'pk')
    .option('--sort-key-name <name>', 'sort key attribute, for tables that have one')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`ddb-lock: ${text.replace(/^error: /, '')}`) })
    .addHelpText(
      'after',
      `
Region and credentials come from the standard AWS environment (AWS_REGION, AWS_PROFILE,
AWS_ACCESS_KEY_ID…). Durations take a unit: 500ms, 30s, 2m, 1h.

On call: find a stuck lock (ls), look at it (inspect), free it (release).

Examples:
  $ ddb-lock --table locks ls                  # held and stuck locks; stuck ones say "expired … ago (unreleased)"
  $ ddb-lock --table locks inspect nightly-report
  $ DDB_LOCK_TABLE_NAME=locks ddb-lock release nightly-report --fence 1764633600000001
  $ ddb-lock --table locks run nightly-report --wait 30s -- ./report.sh --full
${EXIT_CODES_HELP}`,
    );

  program
    .command('ls')
    .description('list the locks that are not released — held and stuck ones — (a consistent Scan)')
    .option('--prefix <prefix>', 'only keys starting with this')
    .option('--stuck', "only stuck locks: not released, and the holder's lease has passed by wall clocks")
    .option('--held', 'only held and valid locks: not released, lease not past by wall clocks')
    .option('--all', 'released locks too')
    // `--expired` was --stuck's name before; kept so scripts keep working.
    .addOption(new Option('--expired').hideHelp().implies({ stuck: true }))
    .option('--json', 'a JSON array, one object per lock (key, fence, state, expiredForMs, owner, leaseMs, heartbeatAgeMs, …)')
    .addHelpText(
      'after',
      `
A stuck lock's STATE says for how long: "expired 4m12s ago (unreleased)". Wall clocks of two
machines are compared, so it is advisory: \`inspect KEY\` says what callers would do about it.

Examples:
  $ ddb-lock --table locks ls
  $ ddb-lock --table locks ls --stuck
  $ ddb-lock --table locks ls --prefix customer# --held
  $ ddb-lock --table locks ls --stuck --json | jq -r '.[] | "\\(.key) \\(.fence)"'`,
    )
    .action(async (_opts, cmd: Command) => set(await ls(cmd.optsWithGlobals())));

  program
    .command('inspect')
    .description('show one lock at once, and when skew-free and wall-clock callers would take it over')
    .argument('<key>', 'partition key of the lock')
    .option('--sort-key <value>', 'sort key of the lock (tables with a sort key)')
    .option('--watch', 'also watch its record version for up to one lease: is the holder alive?')
    .addOption(new Option('--no-watch').hideHelp()) // the default now; kept so scripts keep working
    .addOption(
      new Option('--max-skew <duration>', "the skew bound of wall-clock callers (trustWallClock's maxSkewMs)")
        .argParser(duration)
        .default(1_000, "1s, withLock's"),
    )
    .option('--json', 'print one JSON object (the lock, its takeover outlook and verdict)')
    .addHelpText(
      'after',
      `
One ConsistentRead, one answer. Wall-clock callers (withLock and the batch handlers by default)
take a lock over from its expiresAt plus their skew bound. Skew-free callers (LockClient's
default, \`ddb-lock run\`) only once one process has watched its record version unchanged for a
lease: a lock whose callers each try briefly, in a new process per run, stays stuck until
released. --watch does that watching here ("stale" = unchanged for a lease on this machine).

Examples:
  $ ddb-lock --table locks inspect nightly-report
  $ ddb-lock --table locks inspect nightly-report --watch
  $ ddb-lock --table locks inspect orders --sort-key customer#42 --json`,
    )
    .action(async (key: string, _opts, cmd: Command) => {
      const o = cmd.optsWithGlobals<Omit<InspectOptions, 'maxSkewMs'> & { maxSkew: number }>();
      set(await inspect(key, { ...o, maxSkewMs: o.maxSkew }));
    });

  program
    .command('watch')
    .description('live view of acquire, renew, release and takeover: a refreshing table on a terminal, NDJSON when piped')
    .argument('[key]', 'watch only this lock')
    .option('--sort-key <value>', 'sort key of KEY (tables with a sort key)')
    .option('--prefix <prefix>', 'only keys starting with this')
    .addOption(new Option('--interval <duration>', 'time between polls').argParser(duration).default(1_000, '1s'))
    .addHelpText(
      'after',
      `
Stops on Ctrl-C (SIGINT) or SIGTERM with exit code 0.

Examples:
  $ ddb-lock --table locks watch
  $ ddb-lock --table locks watch nightly-report --interval 500ms
  $ ddb-lock --table locks watch --prefix customer# | jq -c 'select(.event == "takeover")'`,
    )
    .action(async (key: string | undefined, _opts, cmd: Command) => {
      const o = cmd.optsWithGlobals<Omit<WatchOptions, 'intervalMs'> & { interval: number }>();
      set(await watch(key, { ...o, intervalMs: o.interval }));
    });

  program
    .command('release')
    .description('release a lock for its holder: only grant --fence N, or whichever grant holds it with --force')
    .argument('<key>', 'partition key of the lock')
    .option('--sort-key <value>', 'sort key of the lock (tables with a sort key)')
    .option('--fence <n>', 'release only the grant with this fencing token', fence)
    .option('--force', 'release whichever grant holds it now (asks first; audit line on stderr)')
    .option('-y, --yes', 'with --force: do not ask (required when stdin is not a terminal)')
    .addHelpText(
      'after',
      `
The item stays, marked released, so the next grant's fence is larger than every earlier one.
The holder finds out at its next heartbeat and reports the lock lost.

Examples:
  $ ddb-lock --table locks release nightly-report --fence 1764633600000001
  $ ddb-lock --table locks release nightly-report --force
  $ ddb-lock --table locks release nightly-report --force --yes   # scripts: no prompt`,
    )
    .action(async (key: string, _opts, cmd: Command) => set(await release(key, cmd.optsWithGlobals())));

  program
    .command('run')
    .description('run a command while holding a lock (a distributed flock); exit with its code')
    .argument('<key>', 'partition key of the lock')
    .argument('<command...>', 'the command and its arguments, after --')
    .option('--sort-key <value>', 'sort key of the lock (tables with a sort key)')
    .option(
      '--wait <duration>',
      'how long to wait for a held lock (default: one lease plus a poll, enough to take over a dead holder)',
      duration,
    )
    .addOption(
      new Option('--lease <duration>', 'lease; heartbeats renew it every quarter lease (at most 5s)')
        .argParser(duration)
        .default(20_000, '20s'),
    )
    .addOption(
      new Option('--grace <duration>', 'after a lost lock, time between SIGTERM and SIGKILL').argParser(duration).default(10_000, '10s'),
    )
    .option('--data <text>', 'application data stored with the lock (ls shows a preview)')
    .option('--permits <n>', 'hold one of N permits of the semaphore named KEY instead of the lock KEY (like consul lock -n)', permitCount)
    .addHelpText(
      'after',
      `
The command gets DDB_LOCK_KEY, DDB_LOCK_FENCE (guard its writes with it) and DDB_LOCK_TABLE_NAME.
SIGINT, SIGTERM and SIGHUP sent to ddb-lock are forwarded to it. Exit code: the command's
(128 + N when signal N ended it); 75 when the lock stayed busy (the command was not started);
76 when the lock was lost (the command got SIGTERM, then SIGKILL after --grace).

Examples:
  $ ddb-lock --table locks run nightly-report -- ./report.sh --full
  $ ddb-lock --table locks run nightly-report --wait 0 -- ./report.sh    # skip if busy (exit 75)
  $ ddb-lock --table locks run db-migrate --wait 5m --lease 1m -- npm run migrate
  $ ddb-lock --table locks run exports --permits 3 -- ./export.sh   # at most 3 at once (DDB_LOCK_PERMIT)`,
    )
    .action(async (key: string, argv: string[], _opts, cmd: Command) => {
      const o = cmd.optsWithGlobals<
        ConnectionOptions & { sortKey?: string; data?: string; wait?: number; lease: number; grace: number; permits?: number }
      >();
      set(await run(key, argv, { ...o, ...(o.wait !== undefined && { waitMs: o.wait }), leaseMs: o.lease, graceMs: o.grace }));
    });

  program
    .command('lead')
    .description('stand as a candidate of an election; run a command whenever elected, with the term in its environment')
    .argument('<name>', 'election name (its item is election/NAME)')
    .argument('<command...>', 'the command and its arguments, after --')
    .addOption(
      new Option('--lease <duration>', 'lease of each term; a dead leader is replaced about one lease after its last heartbeat')
        .argParser(duration)
        .default(20_000, '20s'),
    )
    .addOption(
      new Option('--grace <duration>', 'after a demotion, time between SIGTERM and SIGKILL').argParser(duration).default(10_000, '10s'),
    )
    .option('--data <text>', 'data the leader proclaims (ls and inspect show it)')
    .addHelpText(
      'after',
      `
The command gets DDB_LOCK_FENCE (the term number: guard its writes with it), DDB_LOCK_KEY,
DDB_LOCK_TABLE_NAME and DDB_LOCK_ELECTION. On demotion it gets SIGTERM, then SIGKILL after
--grace, and lead stands by again. When it exits, lead resigns and exits with its code; SIGINT,
SIGTERM and SIGHUP reach it and make lead resign and exit. If ddb-lock itself dies (even by
SIGKILL) or stops, a guard process stops the command: its pipe from ddb-lock closes, or the
term's validity runs out.

Examples:
  $ ddb-lock --table locks lead billing-scheduler -- ./scheduler
  $ ddb-lock --table locks lead billing-scheduler --lease 10s --grace 5s --data "$(hostname)" -- ./scheduler`,
    )
    .action(async (name: string, argv: string[], _opts, cmd: Command) => {
      const o = cmd.optsWithGlobals<ConnectionOptions & { data?: string; lease: number; grace: number }>();
      set(await lead(name, argv, { ...o, leaseMs: o.lease, graceMs: o.grace }));
    });

  return { program, result };
}

function permitCount(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 100) throw new InvalidArgumentError('--permits must be an integer from 1 to 100');
  return n;
}

function duration(text: string): number {
  return parseDuration(text);
}

function fence(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError(`"${text}" is not a fencing token (a positive integer)`);
  return n;
}
