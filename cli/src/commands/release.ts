import { hostname, userInfo } from 'node:os';
import type { LockClient, LockInfo } from '@ddb-lock/runtime';
import { getLock, releaseGrant } from '@ddb-lock/runtime/admin';
import { CliError } from '../cli-error.js';
import { confirm } from '../confirm.js';
import { type ConnectionOptions, connect, lockKeyOf } from '../connection.js';
import { formatDuration } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { lockName, lockView } from '../lock-view.js';

/**
 * Flags of `ddb-lock release`: exactly one of `fence` and `force`.
 *
 * @example
 * ```ts
 * await release('job', { table: 'locks', partitionKeyName: 'pk', fence: 1764633600000001 });
 * ```
 */
export interface ReleaseOptions extends ConnectionOptions {
  readonly sortKey?: string;
  readonly fence?: number;
  readonly force?: boolean;
  readonly yes?: boolean;
}

/**
 * Releases a lock on an operator's behalf with the holder's own conditional release request.
 * `--fence N` releases only grant N; `--force` releases whichever grant holds it now (after
 * confirmation, with an audit line on stderr). The item stays, marked released, so the next
 * grant's fence is larger than every earlier one.
 *
 * @example
 * ```ts
 * process.exitCode = await release('job', { table: 'locks', partitionKeyName: 'pk', force: true, yes: true });
 * ```
 */
export async function release(key: string, options: ReleaseOptions): Promise<number> {
  if ((options.fence === undefined) === (options.force !== true)) {
    throw new CliError('give exactly one of --fence N (release that grant only) and --force (whichever grant holds it)', EXIT.usage);
  }
  if (options.yes && !options.force) throw new CliError('--yes only applies to --force', EXIT.usage);
  const lock = lockKeyOf(key, options);
  const client = connect(options);
  try {
    const info = await getLock(client, key, lock.sortKey !== undefined ? { sortKey: lock.sortKey } : {});
    return options.force
      ? await forceRelease(client, lock, info, options.yes === true)
      : await fenceRelease(client, lock, info, options.fence!);
  } finally {
    client.dynamoDb.destroy();
  }
}

async function fenceRelease(
  client: LockClient,
  lock: { key: string; sortKey?: string },
  info: LockInfo | undefined,
  fence: number,
): Promise<number> {
  const name = lockName(lock);
  if (info === undefined) throw new CliError(`no lock item for ${name}: nothing holds fence ${fence}`, EXIT.refused);
  if (info.fence !== fence) {
    throw new CliError(
      `lock ${name} is at fence ${info.fence} (${info.released ? 'released' : `owner ${info.owner}`}), not ${fence}:` +
        ' refusing to release another grant',
      EXIT.refused,
    );
  }
  if (info.released) {
    process.stdout.write(`lock ${name} fence ${fence} was already released\n`);
    return EXIT.ok;
  }
  if (!(await releaseGrant(client, { ...lock, owner: info.owner, fence }))) {
    throw new CliError(`lock ${name} changed while releasing: fence ${fence} no longer holds it`, EXIT.refused);
  }
  process.stdout.write(`released ${name} fence ${fence} (owner ${info.owner})\n`);
  return EXIT.ok;
}

async function forceRelease(
  client: LockClient,
  lock: { key: string; sortKey?: string },
  info: LockInfo | undefined,
  yes: boolean,
): Promise<number> {
  const name = lockName(lock);
  if (info === undefined || info.released) {
    process.stdout.write(`lock ${name} is not held: nothing to release\n`);
    return EXIT.ok;
  }
  const view = lockView(info, Date.now());
  if (
    !yes &&
    !(await confirm(
      `Force-release lock ${name} held by ${info.owner} (fence ${info.fence}, ${view.state}, last beat` +
        ` ${formatDuration(view.heartbeatAgeMs)} ago)?`,
    ))
  ) {
    process.stderr.write('ddb-lock: not released\n');
    return EXIT.declined;
  }
  const released = await releaseGrant(client, { ...lock, owner: info.owner, fence: info.fence });
  // The audit line: who forced what, when, and what happened — for the holder's operators to find.
  process.stderr.write(
    `ddb-lock audit: forced release by=${operator()} key=${JSON.stringify(name)} owner=${JSON.stringify(info.owner)} ` +
      `fence=${info.fence} at=${new Date().toISOString()} result=${released ? 'released' : 'refused'}\n`,
  );
  if (!released) throw new CliError(`lock ${name} changed while releasing: fence ${info.fence} no longer holds it`, EXIT.refused);
  process.stdout.write(`released ${name} fence ${info.fence} (owner ${info.owner})\n`);
  return EXIT.ok;
}

function operator(): string {
  let user = process.env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep $USER.
  }
  return `${user}@${hostname()}`;
}
