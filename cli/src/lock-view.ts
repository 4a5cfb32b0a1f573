import type { LockInfo } from '@ddb-lock/runtime';

/**
 * One lock as the CLI shows it. `state` and `heartbeatAgeMs` compare the holder's wall clock
 * (stored in `expiresAt`) with ours, so they are advisory; `inspect` gives the skew-free verdict.
 *
 * @example
 * ```ts
 * const view = lockView(await client.getLock('job'), Date.now());
 * console.log(view.state, view.fence);
 * ```
 */
export interface LockView {
  readonly key: string;
  readonly sortKey?: string;
  /** `held`: not released and not past expiresAt; `expired`: not released, past expiresAt; `released`. */
  readonly state: 'held' | 'expired' | 'released';
  readonly owner: string;
  readonly fence: number;
  readonly leaseMs: number;
  /** Time since the holder's last write (acquire or heartbeat), by the two wall clocks. */
  readonly heartbeatAgeMs: number;
  /** ISO time the holder's lease ends, by its own clock. */
  readonly expiresAt: string;
  readonly recordVersion: string;
  /** A short preview of the stored data: text, or `<N bytes>` for binary data. */
  readonly data?: string;
}

const PREVIEW_CHARS = 32;

/**
 * The view of one lock item at `wallNow`.
 *
 * @example
 * ```ts
 * lockView(info, Date.now()).state; // "held" | "expired" | "released"
 * ```
 */
export function lockView(info: LockInfo, wallNow: number): LockView {
  const state = info.released ? 'released' : info.expiresAt < wallNow ? 'expired' : 'held';
  return {
    key: info.key,
    ...(info.sortKey !== undefined && { sortKey: info.sortKey }),
    state,
    owner: info.owner,
    fence: info.fence,
    leaseMs: info.leaseMs,
    heartbeatAgeMs: Math.max(0, wallNow - (info.expiresAt - info.leaseMs)),
    expiresAt: new Date(info.expiresAt).toISOString(),
    recordVersion: info.recordVersion,
    ...(info.data !== undefined && { data: previewData(info.data) }),
  };
}

/** Printable, single-line and short: data is the application's, it may be anything. */
function previewData(data: string | Uint8Array): string {
  if (typeof data !== 'string') return `<${data.byteLength} bytes>`;
  const printable = JSON.stringify(data).slice(1, -1);
  return printable.length > PREVIEW_CHARS ? `${printable.slice(0, PREVIEW_CHARS - 1)}…` : printable;
}

/**
 * `key` or `key sortKey` as typed on the command line.
 *
 * @example
 * ```ts
 * lockName({ key: 'orders', sortKey: 'c#42' }); // "orders c#42"
 * ```
 */
export function lockName(lock: { key: string; sortKey?: string }): string {
  return lock.sortKey === undefined ? lock.key : `${lock.key} ${lock.sortKey}`;
}
