import { systemClock } from '@ddb-lock/runtime';
import { clientSettings, getLock } from '@ddb-lock/runtime/admin';
import { type ConnectionOptions, connect, lockKeyOf } from '../connection.js';
import { formatDuration } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { describeElection, type LockView, lockName, lockView, previewData, stateCell } from '../lock-view.js';
import { renderTable } from '../render-table.js';
import { describeVerdict, type StalenessVerdict, watchForStaleness } from '../staleness-watch.js';
import { describeOutlook, takeoverOutlook } from '../takeover-outlook.js';
import { inspectSemaphore } from './inspect-semaphore.js';

/**
 * Flags of `ddb-lock inspect`.
 *
 * @example
 * ```ts
 * await inspect('job', { table: 'locks', partitionKeyName: 'pk', maxSkewMs: 1_000 });
 * ```
 */
export interface InspectOptions extends ConnectionOptions {
  readonly sortKey?: string;
  /** Also watch the record version for up to a lease (`--watch`); off by default: one read, one answer. */
  readonly watch?: boolean;
  /** The skew bound of the wall-clock callers to describe (`--max-skew`, withLock's 1 s by default). */
  readonly maxSkewMs: number;
  readonly json?: boolean;
}

/**
 * Shows one lock at once, from one ConsistentRead: the item, and when skew-free and wall-clock
 * callers would each take it over if its holder stopped now. With `--watch` it also watches the
 * record version for up to one lease (progress on stderr) to tell a live holder from a dead one.
 *
 * @example
 * ```ts
 * process.exitCode = await inspect('job', { table: 'locks', partitionKeyName: 'pk', maxSkewMs: 1_000 });
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
    const wallNow = Date.now();
    const view = first && lockView(first, wallNow);
    const outlook = first && !first.released ? takeoverOutlook(first, wallNow, options.maxSkewMs) : undefined;
    if (options.json) {
      const out = { ...(view ?? { key, ...lock }), verdict, ...(outlook && { takeover: outlook }) };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return EXIT.ok;
    }
    const rows: [string, string][] = view
      ? [
          ['lock', lockName(view)],
          ['state', stateCell(view, formatDuration)],
          ['owner', view.owner],
          ['fence', String(view.fence)],
          ['lease', formatDuration(view.leaseMs)],
          ['beat age', `${formatDuration(view.heartbeatAgeMs)} (wall clocks: advisory)`],
          ['expires at', `${view.expiresAt} (holder's clock)`],
          ['record version', view.recordVersion],
          ['data', previewData(view)],
          ['waiters', describeWaiters(view, Date.now())],
          ...(view.election ? [['election', describeElection(view.election)] as [string, string]] : []),
        ]
      : [
          ['lock', lockName({ key, ...lock })],
          ['item', 'none'],
        ];
    if (first && outlook) rows.push(...describeOutlook(outlook, first, formatDuration));
    rows.push(['verdict', describeVerdict(verdict, formatDuration)]);
    process.stdout.write(`${renderTable(['FIELD', 'VALUE'], rows).split('\n').slice(1).join('\n')}\n`);
    return EXIT.ok;
  } finally {
    client.dynamoDb.destroy();
  }
}

/** The queue, first in line first, with each place's time left by the waiter's clock (advisory). */
function describeWaiters(view: LockView, wallNow: number): string {
  const waiters = view.waiters ?? [];
  if (waiters.length === 0) return 'none';
  const places = waiters.map((w, i) => `${i + 1}. ${w.id} (place ${formatDuration(Date.parse(w.placeExpiresAt) - wallNow)} left)`);
  return `${waiters.length} queued: ${places.join(', ')}`;
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
