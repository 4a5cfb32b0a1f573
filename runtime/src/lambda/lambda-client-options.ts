import type { LockClient } from '../client/lock-client.js';
import type { TrustWallClockOptions } from '../client/lock-client-options.js';
import type { LockObserver } from '../observe/lock-observer.js';

/**
 * The options `withLock` and the batch handlers share: the client (given, or the default one they
 * make on first use and reuse in the execution environment) and the time kept back before
 * Lambda's hard timeout. Written once here, so the two integrations cannot drift apart.
 *
 * @example
 * ```ts
 * const shared: LambdaClientOptions = { tableName: 'locks', trustWallClock: { maxSkewMs: 500 }, deadlineMarginMs: 1_500 };
 * withLock(byCustomer, { ...shared, leaseMs: 10_000 });
 * lockedBatchHandler(byCustomer, handle, { ...shared, concurrency: 4 });
 * ```
 */
export interface LambdaClientOptions {
  /** Lock client to use. @default a client on `tableName`, created at the first invocation and reused */
  readonly client?: LockClient;
  /** Table for the default client. @default process.env.DDB_LOCK_TABLE_NAME (set by the construct's `bindTo`) */
  readonly tableName?: string;
  /** Heartbeat period of the default client. @default min(5000, leaseMs / 4) (the client's) */
  readonly heartbeatMs?: number;
  /**
   * Takeover rule of the default client. With `{ maxSkewMs }` a lock is taken over once its
   * `expiresAt + maxSkewMs` has passed on this environment's wall clock: a dead environment's
   * lock comes back to the next invocation in any other environment, which never waits a lease.
   * `false` keeps the client's skew-free rule (a lock is taken over only by a client that has
   * watched it for a full lease — across calls, but within one execution environment).
   * Fencing (`fencedWrite`, `guardedTransaction`) stays safe whatever the clocks do.
   * @default { maxSkewMs: 1000 } (see the README: Lambda's clocks and the skew bound)
   */
  readonly trustWallClock?: false | TrustWallClockOptions;
  /**
   * Observers of the default client's lock events (metrics, logs, traces; see
   * `@ddb-lock/runtime/powertools` and `/otel`).
   * @default none
   */
  readonly observers?: readonly LockObserver[];
  /** Time kept back before Lambda's hard timeout to stop work, release and answer. @default 1000 */
  readonly deadlineMarginMs?: number;
}

/** The names of {@link LambdaClientOptions}, for the integrations' unknown-option checks. */
export const LAMBDA_CLIENT_OPTION_NAMES = [
  'client',
  'tableName',
  'heartbeatMs',
  'trustWallClock',
  'observers',
  'deadlineMarginMs',
] as const;
