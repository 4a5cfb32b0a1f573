import type { TableSpec } from '../env/tables.js';

/** How a scenario wants a lock configured; each contender maps it onto its own options. */
export interface LockSettings {
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  /** The library's latency-tuned waiting (handoff scenario); each says what it means. */
  readonly tuned?: boolean;
  /** Trust wall clocks: ddb-lock's fast mode, the peers' `trustLocalTime`. */
  readonly trustClock?: boolean;
}

/** A lock this process holds. */
export interface Held {
  release(): Promise<unknown>;
}

/** One client instance of one library, as a scenario drives it. */
export interface Contender {
  /** One attempt, no waiting (a peer that can only wait a lease first does so): held or undefined. */
  tryAcquire(key: string): Promise<Held | undefined>;
  /** Waits (the library's own way) until held; throws when it gives up after about `waitMs`. */
  acquire(key: string, waitMs: number, signal?: AbortSignal): Promise<Held>;
  /** Stops timers and sockets; releases nothing the scenario did not. */
  close(): Promise<void>;
}

/** What a library can be asked to do; scenarios skip what it does not have. */
export interface Capabilities {
  /** Renews a held lock on its own. */
  readonly heartbeat: boolean;
  /** Can wait for a held lock and get it when released (reusable lock). */
  readonly wait: boolean;
  /** A crashed holder's lock becomes free again by itself. */
  readonly takeover: boolean;
  /**
   * After each write refused by its condition, reads the item once to learn the holder, only
   * because dynalite omits it (on DynamoDB `ReturnValuesOnConditionCheckFailure` returns it with
   * the refusal): the handoff scenario then also reports the cost without those reads.
   */
  readonly readsHolderAfterRefusal?: boolean;
}

/** A library (or one mode of it) in the comparison. */
export interface ContenderKind {
  readonly id: string;
  readonly label: string;
  readonly table: TableSpec;
  readonly can: Capabilities;
  /** A new client; `tag` marks its requests in the proxy's counts. */
  create(endpoint: string, settings: LockSettings, tag?: string): Contender;
  /** The options `create` used, in the library's own words (for the report). */
  describe(settings: LockSettings): string;
}
