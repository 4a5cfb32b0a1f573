import type { LockInfo } from '@ddb-lock/runtime';
import { formatDuration } from './duration.js';
import { renderLocks, sortLocks } from './lock-table.js';
import type { WatchEvent } from './lock-tracker.js';
import { lockName, lockView } from './lock-view.js';

/**
 * Events kept on screen under the table.
 *
 * @example
 * ```ts
 * recent.splice(0, Math.max(0, recent.length - FRAME_EVENTS));
 * ```
 */
export const FRAME_EVENTS = 8;

/**
 * Everything one screen of `watch` shows.
 *
 * @example
 * ```ts
 * renderWatchFrame({ table: 'locks', intervalMs: 1000, wallNow: Date.now(), locks: tracker.locks, events, warning: undefined });
 * ```
 */
export interface WatchFrame {
  readonly table: string;
  readonly scope?: string;
  readonly intervalMs: number;
  readonly wallNow: number;
  readonly locks: readonly LockInfo[];
  readonly events: readonly WatchEvent[];
  readonly warning?: string;
}

/**
 * A frame starts by homing the cursor and ends by clearing what a previous, longer frame left below.
 *
 * @example
 * ```ts
 * const body = frame.slice(FRAME_START.length, -FRAME_END.length);
 * ```
 */
export const FRAME_START = '\x1b[H';
/** See {@link FRAME_START}. @example `frame.endsWith(FRAME_END)` */
export const FRAME_END = '\x1b[J';

/**
 * One screen of `watch` on a terminal: a pure function of its input, so frames can be snapshot-tested.
 * Each line clears its own tail (`ESC[K`), so a redraw never flickers through a blank screen.
 *
 * @example
 * ```ts
 * process.stdout.write(renderWatchFrame(frame));
 * ```
 */
export function renderWatchFrame(frame: WatchFrame): string {
  const views = sortLocks(frame.locks.map((info) => lockView(info, frame.wallNow)));
  const lines = [
    `ddb-lock watch  table ${frame.table}${frame.scope ? `  ${frame.scope}` : ''}  every` +
      ` ${formatDuration(frame.intervalMs)}  ${new Date(frame.wallNow).toISOString()}  (Ctrl-C to quit)`,
    '',
    ...renderLocks(views).split('\n'),
    '',
    'recent events:',
    ...(frame.events.length === 0 ? ['  (none yet)'] : frame.events.slice(-FRAME_EVENTS).map((e) => `  ${formatEvent(e)}`)),
    ...(frame.warning ? ['', `warning: ${frame.warning}`] : []),
  ];
  return `${FRAME_START}${lines.map((l) => `${l}\x1b[K`).join('\n')}\n${FRAME_END}`;
}

/**
 * One event as a line for people.
 *
 * @example
 * ```ts
 * formatEvent(e); // "01:02:03.456  takeover  job  b#2  fence 7  (from a#1 fence 6)"
 * ```
 */
export function formatEvent(e: WatchEvent): string {
  const from = e.previousOwner !== undefined ? `  (from ${e.previousOwner} fence ${e.previousFence})` : '';
  const extra = e.state ? `  ${e.state}` : e.deleted ? '  (item deleted)' : '';
  return `${e.time.slice(11, 23)}  ${e.event.padEnd(8)}  ${lockName(e)}  ${e.owner}  fence ${e.fence}${from}${extra}`;
}
