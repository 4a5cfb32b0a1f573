import { type LockClient, type LockInfo, LockUnavailableError, systemClock } from '@ddb-lock/runtime';
import { clientSettings, getLock, listLocks } from '@ddb-lock/runtime/admin';
import { CliError } from '../cli-error.js';
import { type ConnectionOptions, connect, lockKeyOf } from '../connection.js';
import { EXIT } from '../exit-codes.js';
import { LockTracker, type WatchEvent } from '../lock-tracker.js';
import { FRAME_EVENTS, renderWatchFrame } from '../watch-frame.js';

/**
 * Flags of `ddb-lock watch`.
 *
 * @example
 * ```ts
 * await watch(undefined, { table: 'locks', partitionKeyName: 'pk', prefix: 'job-', intervalMs: 1000 });
 * ```
 */
export interface WatchOptions extends ConnectionOptions {
  readonly sortKey?: string;
  readonly prefix?: string;
  readonly intervalMs: number;
}

/**
 * Polls the locks (one ConsistentRead of KEY, or a Scan) every interval until SIGINT/SIGTERM,
 * and shows what changed: a redrawn screen on a terminal, one JSON event per line when piped.
 *
 * @example
 * ```ts
 * process.exitCode = await watch('job', { table: 'locks', partitionKeyName: 'pk', intervalMs: 500 });
 * ```
 */
export async function watch(key: string | undefined, options: WatchOptions): Promise<number> {
  if (key !== undefined && options.prefix !== undefined) throw new CliError('give KEY or --prefix, not both', EXIT.usage);
  if (options.intervalMs <= 0) throw new CliError('--interval must be more than 0', EXIT.usage);
  const sortKey = key !== undefined ? lockKeyOf(key, options).sortKey : undefined;
  const client = connect(options);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const tty = process.stdout.isTTY === true;
  const tracker = new LockTracker();
  const recent: WatchEvent[] = [];
  if (tty) process.stdout.write('\x1b[?25l\x1b[2J'); // hide the cursor, start on a clean screen
  try {
    while (!stop.signal.aborted) {
      let warning: string | undefined;
      try {
        const events = tracker.update(await snapshot(client, key, sortKey, options.prefix), systemClock.monotonicNow(), Date.now());
        if (!tty) for (const e of events) process.stdout.write(`${JSON.stringify(e)}\n`);
        recent.push(...events.filter((e) => e.event !== 'seen'));
        recent.splice(0, Math.max(0, recent.length - FRAME_EVENTS));
      } catch (error) {
        // A blip (throttling, a dropped connection) should not end an operator's watch.
        if (!(error instanceof LockUnavailableError)) throw error;
        warning = `${error.message} (retrying)`;
        if (!tty) process.stderr.write(`ddb-lock: ${warning}\n`);
      }
      if (tty) {
        process.stdout.write(
          renderWatchFrame({
            table: clientSettings(client).tableName,
            intervalMs: options.intervalMs,
            wallNow: Date.now(),
            locks: tracker.locks,
            events: recent,
            ...(key !== undefined && { scope: `key ${key}` }),
            ...(options.prefix !== undefined && { scope: `prefix ${options.prefix}` }),
            ...(warning !== undefined && { warning }),
          }),
        );
      }
      await sleep(options.intervalMs, stop.signal);
    }
    return EXIT.ok;
  } finally {
    if (tty) process.stdout.write('\x1b[?25h');
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    client.dynamoDb.destroy();
  }
}

async function snapshot(
  client: LockClient,
  key: string | undefined,
  sortKey: string | undefined,
  prefix: string | undefined,
): Promise<LockInfo[]> {
  if (key !== undefined) {
    const info = await getLock(client, key, sortKey !== undefined ? { sortKey } : {});
    return info ? [info] : [];
  }
  const locks: LockInfo[] = [];
  for await (const info of listLocks(client)) {
    if (prefix === undefined || info.key.startsWith(prefix)) locks.push(info);
  }
  return locks;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
