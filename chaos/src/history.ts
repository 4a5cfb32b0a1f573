import type { CallMode } from './checker/types.js';

/**
 * The history: one JSON line per event. Workers write theirs on stdout; the parent adds nemesis
 * events and stamps each line with the worker id. `t` is CLOCK_MONOTONIC ms (one timeline for
 * every process), `wall` the worker's own (possibly skewed) wall clock.
 */
export type WorkerEvent =
  /** `calls`: this worker is a short caller (L4) in that mode. */
  | { ev: 'start'; owner: string; skewMs: number; calls?: CallMode }
  /** A wait for a key begins (a short caller: its first call on the key). */
  | { ev: 'acquire-start'; key: string }
  /**
   * A call ended without the lock. A short caller logs one per call, with when that call started
   * and, when the error said, the record version it saw last and that item's `expiresAt` (holder's wall ms).
   */
  | {
      ev: 'acquire-end';
      key: string;
      outcome: 'busy' | 'unavailable' | 'ambiguous' | 'aborted' | 'error';
      error?: string;
      callStart?: number;
      rvn?: string;
      expiresAt?: number;
    }
  /** `validUntil`: end of validity on the monotonic clock, as the holder computes it. */
  | { ev: 'grant'; key: string; fence: number; validUntil: number }
  | { ev: 'renew'; key: string; fence: number; validUntil: number }
  | { ev: 'lost'; key: string; fence: number; reason: string }
  | { ev: 'cs-skip'; key: string; fence: number; step: string }
  | { ev: 'rmw'; key: string; fence: number; read: number; outcome: string }
  | { ev: 'fenced'; key: string; fence: number; outcome: string; careless?: boolean }
  | { ev: 'release-start'; key: string; fence: number }
  | { ev: 'release-end'; key: string; fence: number; outcome: string }
  | { ev: 'stop'; grants: number }
  /** After `client.close()`: ref'd timers (and all active resources) still there. */
  | { ev: 'closed'; timers: number; resources: string[] }
  /** Written as the process exits: `natural` unless the grace ran out and it had to `process.exit`. */
  | { ev: 'exit'; natural: boolean; resources?: string[] };

export type NemesisEvent =
  | { ev: 'pause'; target: number; ms: number }
  | { ev: 'resume'; target: number }
  | { ev: 'kill'; target: number }
  | { ev: 'spawn'; target: number }
  /** `targets`: the workers it hit (all when absent). */
  | { ev: 'storm'; fault: string; ms: number; targets?: number[] };

export type HistoryEvent = (WorkerEvent | NemesisEvent) & { t: number; wall?: number; w: number };
