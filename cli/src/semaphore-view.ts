import { permitOf } from '@ddb-lock/runtime/semaphore';
import type { LockView } from './lock-view.js';

/**
 * One semaphore as `ls` shows it: its name, its size N, and its permit items (held or not).
 *
 * @example
 * ```ts
 * const row: SemaphoreView = { semaphore: 'partner-api', permits: 5, held: 2, items: [] };
 * ```
 */
export interface SemaphoreView {
  readonly semaphore: string;
  /** N as the permit items record it (the largest, if a resize is under way). */
  readonly permits: number;
  /** Permits held now (not released, not past expiresAt). */
  readonly held: number;
  readonly items: readonly (LockView & { readonly permit: number })[];
}

/**
 * Splits listed items into plain locks and semaphores: an item recording a size (`permits`)
 * whose key names a permit (`name#i`, or sort key `permit#i`) belongs to that semaphore's row.
 *
 * @example
 * ```ts
 * const { locks, semaphores } = groupSemaphores(views);
 * ```
 */
export function groupSemaphores(views: readonly LockView[]): { locks: LockView[]; semaphores: SemaphoreView[] } {
  const locks: LockView[] = [];
  const byName = new Map<string, (LockView & { permit: number })[]>();
  for (const view of views) {
    const permit = view.permits !== undefined ? permitOf(view) : undefined;
    if (!permit) {
      locks.push(view);
      continue;
    }
    const items = byName.get(permit.semaphore) ?? [];
    items.push({ ...view, permit: permit.permit });
    byName.set(permit.semaphore, items);
  }
  const semaphores = [...byName].map(([semaphore, items]) => ({
    semaphore,
    permits: Math.max(...items.map((i) => i.permits!)),
    held: items.filter((i) => i.state === 'held').length,
    items: items.sort((a, b) => a.permit - b.permit),
  }));
  return { locks, semaphores: semaphores.sort((a, b) => a.semaphore.localeCompare(b.semaphore)) };
}
