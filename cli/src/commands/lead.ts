import { constants } from 'node:os';
import { LockAbortedError, type LockLostError } from '@ddb-lock/runtime';
import { clientSettings } from '@ddb-lock/runtime/admin';
import { Election } from '@ddb-lock/runtime/election';
import { guardedCommand } from '../child-guard.js';
import { CliError } from '../cli-error.js';
import { type ConnectionOptions, connect } from '../connection.js';
import { formatDuration } from '../duration.js';
import { EXIT, signalExitCode } from '../exit-codes.js';
import { FORWARDED_SIGNALS, superviseChild } from '../supervise-child.js';
import { MIN_LEASE_MS } from './run.js';

/**
 * Flags of `ddb-lock lead`.
 *
 * @example
 * ```ts
 * await lead('scheduler', ['./scheduler'], { table: 'locks', partitionKeyName: 'pk', leaseMs: 20_000, graceMs: 10_000 });
 * ```
 */
export interface LeadOptions extends ConnectionOptions {
  readonly leaseMs: number;
  readonly graceMs: number;
  readonly data?: string;
}

/**
 * Stands as a candidate of election NAME; each time it is elected, runs the command with the term
 * in its environment (DDB_LOCK_FENCE is the term number, plus DDB_LOCK_KEY, DDB_LOCK_TABLE_NAME
 * and DDB_LOCK_ELECTION); on demotion stops it (SIGTERM, SIGKILL after `graceMs`) and stands by
 * again. When the command exits on its own, resigns and exits with its code; SIGINT, SIGTERM or
 * SIGHUP reach the command (while it runs) and make `lead` resign and exit.
 *
 * The command runs under a guard process (see child-guard.ts) that holds the read end of a pipe
 * from `lead`: if `lead` dies (SIGKILL included) the pipe closes and the guard stops the
 * command; if `lead` is stopped or hangs, the guard stops it when the term's validity runs out.
 *
 * @example
 * ```ts
 * process.exitCode = await lead('scheduler', ['./scheduler'], { partitionKeyName: 'pk', leaseMs: 20_000, graceMs: 10_000 });
 * ```
 */
export async function lead(name: string, argv: readonly string[], options: LeadOptions): Promise<number> {
  if (argv.length === 0 || argv[0] === '') throw new CliError('no command: ddb-lock lead NAME -- COMMAND [ARGS…]', EXIT.usage);
  if (options.leaseMs < MIN_LEASE_MS)
    throw new CliError(`--lease must be at least ${formatDuration(MIN_LEASE_MS)}, got ${formatDuration(options.leaseMs)}`, EXIT.usage);
  const client = connect(options, { leaseMs: options.leaseMs });
  const say = (text: string) => process.stderr.write(`ddb-lock: ${text}\n`);
  const stopping = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    stopping.abort();
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);
  try {
    const election = new Election(client, name, { ...(options.data !== undefined && { data: options.data }) });
    for (;;) {
      // Only to tell the operator whom we wait for: an outage here must not end the candidate.
      const leader = await election.leader().catch(() => undefined);
      if (leader) say(`election ${name} is led by ${leader.owner} (term ${leader.fence}); standing by`);
      let term: Awaited<ReturnType<Election['campaign']>>;
      try {
        term = await election.campaign({ signal: stopping.signal });
      } catch (error) {
        if (error instanceof LockAbortedError && stoppedBy) return signalExitCode(constants.signals[stoppedBy]);
        throw error;
      }
      say(`elected leader of ${name}, term ${term.fence}; running the command`);
      const child = superviseChild(
        guardedCommand(argv, options.graceMs),
        {
          ...process.env,
          DDB_LOCK_KEY: term.key,
          DDB_LOCK_FENCE: String(term.fence),
          DDB_LOCK_TABLE_NAME: clientSettings(client).tableName,
          DDB_LOCK_ELECTION: name,
        },
        { lifeline: true },
      );
      // The guard stops the command when the validity it was last told of runs out.
      const tellValidity = (remainingMs: number) => child.lifeline?.write(`${Math.floor(remainingMs)}\n`);
      tellValidity(term.remainingMs);
      term.on('renewed', tellValidity);
      let demoted = false;
      term.on('lost', (error: LockLostError) => {
        demoted = true;
        say(`demoted (${error.reason}); stopping the command: SIGTERM now, SIGKILL after ${formatDuration(options.graceMs)}`);
        child.lifeline?.end();
      });
      const code = await child.exited;
      child.lifeline?.destroy();
      if (demoted && !stoppedBy) continue; // stand by again
      try {
        await term.release(); // resign
      } catch (error) {
        say(`could not resign (the term lapses within ${formatDuration(term.leaseMs)}): ${(error as Error).message}`);
      }
      return demoted ? EXIT.lost : code;
    }
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal);
    client.dynamoDb.destroy();
  }
}
