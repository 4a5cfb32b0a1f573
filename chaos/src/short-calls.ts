import { type Lock, LockBusyError, LockClient, type LockClientOptions } from '../../runtime/src/index.js';
import type { CallMode, ShortCalls } from './checker/types.js';
import type { WorkerEvent } from './history.js';
import { mono } from './mono.js';

/** What a short caller needs from its worker process. */
export interface ShortCallerDeps {
  readonly calls: ShortCalls;
  readonly mode: CallMode;
  readonly leaseMs: number;
  /** The worker's long-lived client (skew-free, with its memory across calls). */
  readonly client: LockClient;
  /** Options for a `fresh` caller's new client per call (the SDK client is shared). */
  readonly freshOptions: (n: number) => LockClientOptions;
  readonly signal: AbortSignal;
  readonly log: (e: WorkerEvent) => void;
  /** Classifies a failed call as the worker's history does. */
  readonly outcome: (e: unknown) => Extract<WorkerEvent, { ev: 'acquire-end' }>['outcome'];
}

/**
 * A caller that never waits a lease in one call (L4), as users run them: a cron-style
 * `tryAcquire` loop, Lambda-style `acquire({ waitMs: 0 })`, a short wait, or a new client per
 * call in wall-clock mode (a new execution environment each time). Calls `key` every
 * `intervalMs` until it holds it or the worker stops; logs every call that ends without the lock,
 * with the record version it saw when the error says (the checker times L4 from the first
 * sighting of a dead holder's last version).
 *
 * @example
 * ```ts
 * const take = shortCaller({ calls, mode: 'try', leaseMs: 1000, client, freshOptions, signal, log, outcome });
 * const lock = await take('k0'); // undefined only once the worker stops
 * ```
 */
export function shortCaller(d: ShortCallerDeps): (key: string) => Promise<{ lock: Lock; close: () => Promise<void> } | undefined> {
  let freshCount = 0;
  const once = async (key: string): Promise<{ lock: Lock | undefined; close: () => Promise<void> }> => {
    const none = async () => undefined;
    switch (d.mode) {
      case 'try':
        return { lock: await d.client.tryAcquire(key, { signal: d.signal }), close: none };
      case 'wait0':
        return { lock: await d.client.acquire(key, { waitMs: 0, signal: d.signal }), close: none };
      case 'waitHalf':
        return { lock: await d.client.acquire(key, { waitMs: d.leaseMs / 2, signal: d.signal }), close: none };
      case 'fresh': {
        const fresh = new LockClient(d.freshOptions(++freshCount));
        return { lock: await fresh.acquire(key, { waitMs: 0, signal: d.signal }), close: () => fresh.close() };
      }
    }
  };
  return async (key) => {
    d.log({ ev: 'acquire-start', key });
    while (!d.signal.aborted) {
      const callStart = mono();
      try {
        const { lock, close } = await once(key);
        if (lock) return { lock, close };
        d.log({ ev: 'acquire-end', key, outcome: 'busy', callStart });
      } catch (e) {
        const seen = e instanceof LockBusyError ? e.holderInfo : undefined;
        d.log({
          ev: 'acquire-end',
          key,
          outcome: d.outcome(e),
          error: (e as Error).message.slice(0, 160),
          callStart,
          ...(seen && { rvn: seen.recordVersion, expiresAt: seen.expiresAt }),
        });
      }
      const pause = callStart + d.calls.intervalMs - mono();
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
    return undefined;
  };
}
