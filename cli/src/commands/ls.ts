import { listLocks } from '@ddb-lock/runtime/admin';
import { CliError } from '../cli-error.js';
import { type ConnectionOptions, connect } from '../connection.js';
import { EXIT } from '../exit-codes.js';
import { renderLocks, sortLocks } from '../lock-table.js';
import { type LockView, lockView } from '../lock-view.js';
import { groupSemaphores } from '../semaphore-view.js';

/**
 * Flags of `ddb-lock ls`. With none, the locks that are not released: held ones and stuck ones
 * (expired, unreleased). `held` keeps only held-and-valid ones, `stuck` only expired-unreleased
 * ones, `all` adds the released ones.
 *
 * @example
 * ```ts
 * await ls({ table: 'locks', partitionKeyName: 'pk', prefix: 'customer#', stuck: true });
 * ```
 */
export interface LsOptions extends ConnectionOptions {
  readonly prefix?: string;
  readonly held?: boolean;
  readonly stuck?: boolean;
  readonly all?: boolean;
  readonly json?: boolean;
}

/**
 * Lists the table's locks (a ConsistentRead Scan): a table for people, or with `--json` a JSON
 * array with one object per lock (`key`, `fence`, `state`, `expiredForMs`, `owner`, …). Stuck
 * locks — the ones an operator is looking for — are in the default listing and say how long ago
 * they expired. A semaphore's permits make one row (`held/N` and its holders), one object in JSON.
 *
 * @example
 * ```ts
 * process.exitCode = await ls({ table: 'locks', partitionKeyName: 'pk', json: true });
 * ```
 */
export async function ls(options: LsOptions): Promise<number> {
  if ([options.held, options.stuck, options.all].filter(Boolean).length > 1) {
    throw new CliError('give at most one of --held, --stuck and --all', EXIT.usage);
  }
  const client = connect(options);
  try {
    const { views, hiddenReleased } = await collectLocks(listLocks(client), Date.now(), options);
    const { locks, semaphores } = groupSemaphores(sortLocks(views));
    // JSON: the locks as before, then one object per semaphore (`semaphore`, `permits`, `held`, `items`).
    if (options.json) process.stdout.write(`${JSON.stringify([...locks, ...semaphores], null, 2)}\n`);
    else {
      process.stdout.write(`${renderLocks(locks, semaphores)}\n`);
      // On stderr: a hint for people, never part of what a script parses.
      if (hiddenReleased > 0) process.stderr.write(`(${hiddenReleased} released not shown: --all shows them)\n`);
    }
    return EXIT.ok;
  } finally {
    client.dynamoDb.destroy();
  }
}

/**
 * The views of listed locks that pass `--prefix` and the state filter, and how many released
 * locks the default listing left out.
 *
 * @example
 * ```ts
 * const { views } = await collectLocks(listLocks(client), Date.now(), { prefix: 'job-', stuck: true });
 * ```
 */
export async function collectLocks(
  locks: AsyncIterable<Parameters<typeof lockView>[0]>,
  wallNow: number,
  filter: { prefix?: string; held?: boolean; stuck?: boolean; all?: boolean },
): Promise<{ views: LockView[]; hiddenReleased: number }> {
  const views: LockView[] = [];
  let hiddenReleased = 0;
  for await (const info of locks) {
    if (filter.prefix !== undefined && !info.key.startsWith(filter.prefix)) continue;
    const view = lockView(info, wallNow);
    if (filter.held && view.state !== 'held') continue;
    if (filter.stuck && view.state !== 'expired') continue;
    if (!filter.all && !filter.held && !filter.stuck && view.state === 'released') {
      hiddenReleased++;
      continue;
    }
    views.push(view);
  }
  return { views, hiddenReleased };
}
