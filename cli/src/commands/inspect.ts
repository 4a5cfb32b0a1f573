import { systemClock } from '@ddb-lock/runtime';
import { clientSettings, getLock } from '@ddb-lock/runtime/admin';
import { type ConnectionOptions, connect, lockKeyOf } from '../connection.js';
import { formatDuration } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { lockName, lockView, previewData } from '../lock-view.js';
import { renderTable } from '../render-table.js';
import { describeVerdict, type StalenessVerdict, watchForStaleness } from '../staleness-watch.js';
import { inspectSemaphore } from './inspect-semaphore.js';

/**
 * Flags of `ddb-lock inspect`.
 *
 * @example
 * ```ts
 * await inspect('job', { table: 'locks', partitionKeyName: 'pk', watch: true });
 * ```
 */
export interface InspectOptions extends ConnectionOptions {
  readonly sortKey?: string;
  /** Watch the record version for up to a lease (`--no-watch` turns it off). */
  readonly watch: boolean;
  readonly json?: boolean;
}

/**
 * Shows one lock's item and whether its holder is alive: the record version is watched for up
 * to one lease with ConsistentReads (progress on stderr), the rule a waiter uses to take over.
 *
 * @example
 * ```ts
 * process.exitCode = await inspect('job', { table: 'locks', partitionKeyName: 'pk', watch: true });
 * ```
 */
export async function inspect(key: string, options: InspectOptions): Promise<number> {
  const { sortKey } = lockKeyOf(key, options);
  const lock = sortKey !== undefined ? { sortKey } : {};
  const client = connect(options);
  try {
    const first = await getLock(client, key, lock);
    const semaphore = first === undefined && sortKey === undefined ? await inspectSemaphore(client, key, options.json === true) : undefined;
    if (semaphore !== undefined) {
      process.stdout.write(`${semaphore}\n`);
      return EXIT.ok;
    }
    const observedAt = systemClock.monotonicNow();
    let verdict: StalenessVerdict;
    if (first === undefined) verdict = { verdict: 'free', reason: 'no item' };
    else if (first.released) verdict = { verdict: 'free', reason: 'released' };
    else if (!options.watch) verdict = { verdict: 'unknown', reason: 'not watched' };
    else {
      const progress = progressPrinter(first.recordVersion);
      verdict = await watchForStaleness(() => getLock(client, key, lock), first, observedAt, {
        pollMs: clientSettings(client).pollMs,
        onProgress: progress.update,
      });
      progress.done();
    }
    const view = first && lockView(first, Date.now());
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...(view ?? { key, ...lock }), verdict }, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows: [string, string][] = view
      ? [
          ['lock', lockName(view)],
          ['state', view.state],
          ['owner', view.owner],
          ['fence', String(view.fence)],
          ['lease', formatDuration(view.leaseMs)],
          ['beat age', `${formatDuration(view.heartbeatAgeMs)} (wall clocks: advisory)`],
          ['expires at', `${view.expiresAt} (holder's clock)`],
          ['record version', view.recordVersion],
          ['data', previewData(view)],
        ]
      : [
          ['lock', lockName({ key, ...lock })],
          ['item', 'none'],
        ];
    rows.push(['verdict', describeVerdict(verdict, formatDuration)]);
    process.stdout.write(`${renderTable(['FIELD', 'VALUE'], rows).split('\n').slice(1).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    client.dynamoDb.destroy();
  }
}

/** A redrawn line on a terminal; on a pipe, a line per quarter of the lease (logs stay short). */
function progressPrinter(recordVersion: string) {
  const tty = process.stderr.isTTY === true;
  let quarter = -1;
  const write = (text: string) => process.stderr.write(text);
  write(`watching record version ${recordVersion} for up to one lease…${tty ? '' : '\n'}`);
  return {
    update(watchedMs: number, leaseMs: number) {
      const text = `watched ${formatDuration(watchedMs)} of ${formatDuration(leaseMs)}`;
      if (tty) write(`\r\x1b[Kwatching record version ${recordVersion}: ${text}`);
      else if (Math.floor((4 * watchedMs) / leaseMs) > quarter) {
        quarter = Math.floor((4 * watchedMs) / leaseMs);
        write(`${text}\n`);
      }
    },
    done() {
      if (tty) write('\n');
    },
  };
}
