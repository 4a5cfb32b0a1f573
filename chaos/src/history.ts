/**
 * The history: one JSON line per event. Workers write theirs on stdout; the parent adds nemesis
 * events and stamps each line with the worker id. `t` is CLOCK_MONOTONIC ms (one timeline for
 * every process), `wall` the worker's own (possibly skewed) wall clock.
 */
export type WorkerEvent =
  | { ev: 'start'; owner: string; skewMs: number }
  | { ev: 'acquire-start'; key: string }
  | { ev: 'acquire-end'; key: string; outcome: 'busy' | 'unavailable' | 'ambiguous' | 'aborted' | 'error'; error?: string }
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
