import { constants } from 'node:os';
import { type Lock, LockAbortedError, LockBusyError } from '@ddb-lock/runtime';
import { clientSettings } from '@ddb-lock/runtime/admin';
import { CliError } from '../cli-error.js';
import { type ConnectionOptions, connect, lockKeyOf } from '../connection.js';
import { formatDuration } from '../duration.js';
import { EXIT, signalExitCode } from '../exit-codes.js';
import { lockName } from '../lock-view.js';
import { runTarget } from '../run-target.js';
import { FORWARDED_SIGNALS, superviseChild } from '../supervise-child.js';

/**
 * Shortest lease `run` accepts.
 *
 * @example
 * ```ts
 * if (leaseMs < MIN_LEASE_MS) throw new CliError('--lease must be at least 1s', EXIT.usage);
 * ```
 */
export const MIN_LEASE_MS = 1_000;

/**
 * Flags of `ddb-lock run`.
 *
 * @example
 * ```ts
 * await run('nightly', ['make', 'report'], { table: 'locks', partitionKeyName: 'pk', waitMs: 30_000, leaseMs: 20_000, graceMs: 10_000 });
 * ```
 */
export interface RunOptions extends ConnectionOptions {
  readonly sortKey?: string;
  /** @default the client's: one lease plus a poll, long enough to take over a dead holder */
  readonly waitMs?: number;
  readonly leaseMs: number;
  readonly graceMs: number;
  readonly data?: string;
  /** Hold one of N permits of the semaphore named KEY instead of the lock KEY. */
  readonly permits?: number;
}

/**
 * A distributed flock: acquires KEY (waiting up to `waitMs`), runs the command with
 * DDB_LOCK_KEY / DDB_LOCK_FENCE / DDB_LOCK_TABLE_NAME in its environment while heartbeats keep the
 * lock, releases it when the command ends, and exits with the command's code. If the lock is
 * lost the command gets SIGTERM, then SIGKILL after `graceMs`, and `run` exits 76.
 *
 * @example
 * ```ts
 * process.exitCode = await run('nightly', ['./backup.sh'], { partitionKeyName: 'pk', leaseMs: 20_000, graceMs: 10_000 });
 * ```
 */
export async function run(key: string, argv: readonly string[], options: RunOptions): Promise<number> {
  if (argv.length === 0 || argv[0] === '') throw new CliError('no command: ddb-lock run KEY -- COMMAND [ARGS…]', EXIT.usage);
  // Below a second, a quarter-lease heartbeat period leaves no room for a request's round trip.
  if (options.leaseMs < MIN_LEASE_MS)
    throw new CliError(`--lease must be at least ${formatDuration(MIN_LEASE_MS)}, got ${formatDuration(options.leaseMs)}`, EXIT.usage);
  const lockKey = lockKeyOf(key, options);
  const client = connect(options, { leaseMs: options.leaseMs });
  const target = runTarget(client, key, lockKey.sortKey !== undefined ? { sortKey: lockKey.sortKey } : {}, options.permits);
  const name = options.permits === undefined ? lockName(lockKey) : target.label;
  // Until the child runs, a signal ends the wait (and `run`) the way it would have ended the child.
  const waiting = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    waiting.abort();
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, onSignal);
  try {
    const acquireOptions = { signal: waiting.signal, ...(options.data !== undefined && { data: options.data }) };
    let lock: Lock | undefined;
    try {
      // One try first, so an operator (and a test) sees that run is waiting, and on whom.
      lock = options.waitMs === 0 ? undefined : await target.tryAcquire(acquireOptions);
      if (lock === undefined) {
        if (options.waitMs !== 0) {
          const holder = await target.holders();
          process.stderr.write(
            `ddb-lock: ${options.permits === undefined ? `lock ${name}` : name} is held by ${holder};` +
              ` waiting${options.waitMs === undefined ? '' : ` up to ${formatDuration(options.waitMs)}`}\n`,
          );
        }
        lock = await target.acquire({ ...acquireOptions, ...(options.waitMs !== undefined && { waitMs: options.waitMs }) });
      }
    } catch (error) {
      if (error instanceof LockBusyError) {
        const retry = error.retryAfterMs > 0 ? ` (it could be free in ${formatDuration(error.retryAfterMs)})` : '';
        const what =
          options.permits === undefined ? `lock ${name} is held by ${error.holder ?? 'someone else'}` : `every permit of ${name} is held`;
        throw new CliError(`${what}: not running the command${retry}`, EXIT.busy, {
          cause: error,
        });
      }
      if (error instanceof LockAbortedError && stoppedBy) return signalExitCode(constants.signals[stoppedBy]);
      throw error;
    } finally {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, onSignal);
    }
    const child = superviseChild(argv, {
      ...process.env,
      DDB_LOCK_KEY: lock.key,
      DDB_LOCK_FENCE: String(lock.fence),
      ...(lock.permit !== undefined && { DDB_LOCK_SEMAPHORE: lock.permit.semaphore, DDB_LOCK_PERMIT: String(lock.permit.permit) }),
      DDB_LOCK_TABLE_NAME: clientSettings(client).tableName,
      ...(lockKey.sortKey !== undefined && { DDB_LOCK_SORT_KEY: lockKey.sortKey }),
    });
    lock.on('danger', (event: { remainingMs: number }) => {
      process.stderr.write(`ddb-lock: heartbeats of ${name} are not landing: ${formatDuration(event.remainingMs)} of validity left\n`);
    });
    let lost = false;
    lock.on('lost', (error: Error) => {
      lost = true;
      process.stderr.write(
        `ddb-lock: lost the lock (${error.message}); stopping the command: SIGTERM now, SIGKILL after ${formatDuration(options.graceMs)}\n`,
      );
      child.stop(options.graceMs);
    });
    const code = await child.exited;
    try {
      await lock.release();
    } catch (error) {
      // The command's outcome matters more; the lock frees itself within a lease (L3).
      process.stderr.write(
        `ddb-lock: could not release ${name} (it expires within ${formatDuration(lock.leaseMs)}): ${(error as Error).message}\n`,
      );
    }
    return lost ? EXIT.lost : code;
  } finally {
    client.dynamoDb.destroy();
  }
}
