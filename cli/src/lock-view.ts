import type { LockInfo } from '@ddb-lock/runtime';
import { electionName } from '@ddb-lock/runtime/election';

/**
 * One lock as the CLI shows it. `state` and `heartbeatAgeMs` compare the holder's wall clock
 * (stored in `expiresAt`) with ours, so they are advisory; `inspect` gives the skew-free verdict.
 *
 * @example
 * ```ts
 * const view = lockView(await getLock(client, 'job'), Date.now());
 * console.log(view.state, view.fence);
 * ```
 */
export interface LockView {
  readonly key: string;
  readonly sortKey?: string;
  /**
   * `held`: not released and not past expiresAt; `expired`: not released and past expiresAt — a
   * stuck lock when its holder is gone (see `expiredForMs`); `released`.
   */
  readonly state: 'held' | 'expired' | 'released';
  /** With `expired`: how long ago expiresAt passed, by the two wall clocks (advisory). */
  readonly expiredForMs?: number;
  readonly owner: string;
  readonly fence: number;
  readonly leaseMs: number;
  /** Time since the holder's last write (acquire or heartbeat), by the two wall clocks. */
  readonly heartbeatAgeMs: number;
  /** ISO time the holder's lease ends, by its own clock. */
  readonly expiresAt: string;
  readonly recordVersion: string;
  /** The stored data when it is text. */
  readonly data?: string;
  /** The stored data when it is binary, base64-encoded. */
  readonly dataBase64?: string;
  /**
   * Fair waiting: the clients queued for the lock, first in line first, each with the ISO time
   * its place expires unless renewed (by the waiter's clock). Absent when nobody queues.
   */
  readonly waiters?: readonly { readonly id: string; readonly placeExpiresAt: string }[];
  /** For an election's item (key `election/NAME`): its name, the leader (none once resigned) and the term. */
  readonly election?: { readonly name: string; readonly leader?: string; readonly term: number };
  /** Semaphore permits only: the semaphore's size N recorded on the item. */
  readonly permits?: number;
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
  const state = lockState(info, wallNow);
  return {
    key: info.key,
    ...(info.sortKey !== undefined && { sortKey: info.sortKey }),
    state,
    ...(state === 'expired' && { expiredForMs: wallNow - info.expiresAt }),
    owner: info.owner,
    fence: info.fence,
    leaseMs: info.leaseMs,
    heartbeatAgeMs: Math.max(0, wallNow - (info.expiresAt - info.leaseMs)),
    expiresAt: new Date(info.expiresAt).toISOString(),
    recordVersion: info.recordVersion,
    ...(typeof info.data === 'string' && { data: info.data }),
    ...(info.data instanceof Uint8Array && { dataBase64: Buffer.from(info.data).toString('base64') }),
    ...(info.waiters && {
      waiters: info.waiters.map((place) => ({ id: place.id, placeExpiresAt: new Date(place.expiresAt).toISOString() })),
    }),
    ...electionOf(info, state),
    ...(info.permits !== undefined && { permits: info.permits }),
  };
}

function electionOf(info: LockInfo, state: LockView['state']): Pick<LockView, 'election'> {
  const name = electionName(info.key);
  if (name === undefined) return {};
  return { election: { name, ...(state !== 'released' && { leader: info.owner }), term: info.fence } };
}

/**
 * How `ls` and `inspect` describe an election's item: `leader OWNER, term N` (or the last term).
 *
 * @example
 * ```ts
 * describeElection({ name: 'sched', leader: 'host-a#1f2e', term: 7 }); // "election sched: leader host-a#1f2e, term 7"
 * ```
 */
export function describeElection(election: NonNullable<LockView['election']>): string {
  const who = election.leader === undefined ? `no leader (last term ${election.term})` : `leader ${election.leader}, term ${election.term}`;
  return `election ${election.name}: ${who}`;
}

/**
 * The stored data for a table cell: single-line (control characters escaped) and short, or
 * `<N bytes>` for binary data. Data is the application's: it may be anything.
 *
 * @example
 * ```ts
 * previewData({ data: 'line 1\nline 2' }); // "line 1\\nline 2"
 * ```
 */
export function previewData(view: Pick<LockView, 'data' | 'dataBase64'>): string {
  if (view.dataBase64 !== undefined) return `<${Buffer.from(view.dataBase64, 'base64').byteLength} bytes>`;
  if (view.data === undefined) return '';
  // escaping control characters is the point: a lock's data must not move the operator's cursor
  // biome-ignore lint/suspicious/noControlCharactersInRegex: see the comment above
  const printable = view.data.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return printable.length > PREVIEW_CHARS ? `${printable.slice(0, PREVIEW_CHARS - 1)}…` : printable;
}

/**
 * The STATE cell: an expired, unreleased lock says for how long, so a stuck one stands out.
 *
 * @example
 * ```ts
 * stateCell({ state: 'expired', expiredForMs: 252_000 }); // "expired 4m12s ago (unreleased)"
 * ```
 */
export function stateCell(view: Pick<LockView, 'state' | 'expiredForMs'>, format: (ms: number) => string): string {
  return view.state === 'expired' ? `expired ${format(view.expiredForMs ?? 0)} ago (unreleased)` : view.state;
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

/**
 * A lock item's state at `wallNow`, as an operator reads it: released, past its advisory
 * expiry, or held.
 *
 * @example
 * ```ts
 * lockState(info, Date.now()); // "held" | "expired" | "released"
 * ```
 */
export function lockState(info: LockInfo, wallNow: number): LockView['state'] {
  return info.released ? 'released' : info.expiresAt < wallNow ? 'expired' : 'held';
}
