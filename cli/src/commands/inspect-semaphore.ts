import type { LockClient } from '@ddb-lock/runtime';
import { getLock } from '@ddb-lock/runtime/admin';
import { permitKey, Semaphore } from '@ddb-lock/runtime/semaphore';
import { formatDuration } from '../duration.js';
import { lockView } from '../lock-view.js';
import { renderTable } from '../render-table.js';

/**
 * `inspect NAME` where NAME has no lock item but is a semaphore (its permit 0 records a size):
 * its holders, from one consistent read of all N permits. `undefined` when NAME is no semaphore.
 *
 * @example
 * ```ts
 * const text = await inspectSemaphore(client, 'partner-api', false);
 * ```
 */
export async function inspectSemaphore(client: LockClient, name: string, json: boolean): Promise<string | undefined> {
  const gate = await getLock(client, permitKey(name, 0, false).key);
  if (gate?.permits === undefined) return undefined;
  const semaphore = new Semaphore(client, name, { permits: gate.permits });
  const now = Date.now();
  const holders = (await semaphore.holders()).map(({ permit, info }) => ({ permit, ...lockView(info, now) }));
  const held = holders.filter((h) => h.state === 'held');
  if (json) return JSON.stringify({ semaphore: name, permits: gate.permits, held: held.length, holders }, null, 2);
  const rows = holders.map((h) => [
    `#${h.permit}`,
    h.state,
    h.owner,
    String(h.fence),
    formatDuration(h.leaseMs),
    formatDuration(h.heartbeatAgeMs),
    h.expiresAt,
  ]);
  const head = `semaphore ${name}: ${held.length}/${gate.permits} permits held`;
  return rows.length === 0
    ? head
    : `${head}\n${renderTable(['PERMIT', 'STATE', 'OWNER', 'FENCE', 'LEASE', 'BEAT AGE', 'EXPIRES AT'], rows)}`;
}
