import { listLocks } from '@ddb-lock/runtime/admin';
import { type ConnectionOptions, connect } from '../connection.js';
import { EXIT } from '../exit-codes.js';
import { renderLocks, sortLocks } from '../lock-table.js';
import { type LockView, lockView } from '../lock-view.js';
import { groupSemaphores } from '../semaphore-view.js';

/**
 * Flags of `ddb-lock ls`.
 *
 * @example
 * ```ts
 * await ls({ table: 'locks', partitionKeyName: 'pk', prefix: 'customer#', held: true });
 * ```
 */
export interface LsOptions extends ConnectionOptions {
  readonly prefix?: string;
  readonly held?: boolean;
  readonly expired?: boolean;
  readonly json?: boolean;
}

/**
 * Lists the table's locks (a ConsistentRead Scan): a table for people, or with `--json` a JSON
 * array with one object per lock (`key`, `fence`, `state`, `owner`, …). A semaphore's permits
 * make one row (`held/N` and its holders), one object in JSON.
 *
 * @example
 * ```ts
 * process.exitCode = await ls({ table: 'locks', partitionKeyName: 'pk', json: true });
 * ```
 */
export async function ls(options: LsOptions): Promise<number> {
  const client = connect(options);
  try {
    const { locks, semaphores } = groupSemaphores(sortLocks(await collectLocks(listLocks(client), Date.now(), options)));
    // JSON: the locks as before, then one object per semaphore (`semaphore`, `permits`, `held`, `items`).
    const json = () => JSON.stringify([...locks, ...semaphores], null, 2);
    process.stdout.write(`${options.json ? json() : renderLocks(locks, semaphores)}\n`);
    return EXIT.ok;
  } finally {
    client.dynamoDb.destroy();
  }
}

/**
 * The views of listed locks that pass `--prefix`, `--held`, `--expired`.
 *
 * @example
 * ```ts
 * const views = await collectLocks(listLocks(client), Date.now(), { prefix: 'job-' });
 * ```
 */
export async function collectLocks(
  locks: AsyncIterable<Parameters<typeof lockView>[0]>,
  wallNow: number,
  filter: { prefix?: string; held?: boolean; expired?: boolean },
): Promise<LockView[]> {
  const views: LockView[] = [];
  for await (const info of locks) {
    if (filter.prefix !== undefined && !info.key.startsWith(filter.prefix)) continue;
    const view = lockView(info, wallNow);
    if (filter.held && view.state !== 'held') continue;
    if (filter.expired && view.state !== 'expired') continue;
    views.push(view);
  }
  return views;
}
