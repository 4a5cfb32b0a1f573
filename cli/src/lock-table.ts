import { formatDuration } from './duration.js';
import { describeElection, type LockView, lockName, previewData, stateCell } from './lock-view.js';
import { renderTable } from './render-table.js';
import type { SemaphoreView } from './semaphore-view.js';

const HEADERS = ['KEY', 'STATE', 'OWNER', 'FENCE', 'LEASE', 'BEAT AGE', 'EXPIRES AT', 'DATA'];

/**
 * The lock table people read in `ls` and `watch`: one row per lock.
 *
 * @example
 * ```ts
 * console.log(renderLocks(views)); // KEY  STATE  OWNER  FENCE  LEASE  BEAT AGE  EXPIRES AT  DATA …
 * ```
 */
export function renderLocks(views: readonly LockView[], semaphores: readonly SemaphoreView[] = []): string {
  if (views.length === 0 && semaphores.length === 0) return '(no locks)';
  return renderTable(HEADERS, [...views.map(lockRow), ...semaphores.map(semaphoreRow)]);
}

function lockRow(v: LockView): string[] {
  return [
    lockName(v),
    stateCell(v, formatDuration),
    v.owner,
    String(v.fence),
    formatDuration(v.leaseMs),
    formatDuration(v.heartbeatAgeMs),
    v.expiresAt,
    v.election ? [describeElection(v.election), previewData(v)].filter(Boolean).join(' · ') : previewData(v),
  ];
}

/** A semaphore's row: its name, `held/N`, its holders (`#permit owner`) and their fences. */
function semaphoreRow(s: SemaphoreView): string[] {
  const holders = s.items.filter((i) => i.state === 'held');
  return [
    `${s.semaphore} (semaphore)`,
    `${s.held}/${s.permits}`,
    holders.map((h) => `#${h.permit} ${h.owner}`).join(', ') || '-',
    holders.map((h) => h.fence).join(',') || '-',
    formatDuration(Math.max(0, ...s.items.map((i) => i.leaseMs))),
    holders.length > 0 ? formatDuration(Math.min(...holders.map((h) => h.heartbeatAgeMs))) : '-',
    '-',
    '',
  ];
}

/**
 * Locks in a stable order (key, then sort key), so output diffs cleanly between runs.
 *
 * @example
 * ```ts
 * const rows = sortLocks(await collect(listLocks(client)));
 * ```
 */
export function sortLocks<T extends { key: string; sortKey?: string }>(locks: T[]): T[] {
  return locks.sort((a, b) => a.key.localeCompare(b.key) || (a.sortKey ?? '').localeCompare(b.sortKey ?? ''));
}
