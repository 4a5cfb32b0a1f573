import type { LockBusyError, LockDeadlineError, LockLostError } from '../errors.js';
import type { LambdaClientOptions } from '../lambda/lambda-client-options.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';

/**
 * What a key function returns: the partition key, or partition and sort key.
 *
 * @example
 * ```ts
 * withLock((e: { tenant: string; orderId: string }): LockKeyResult => ({ key: `tenant#${e.tenant}`, sortKey: e.orderId }));
 * ```
 */
export type LockKeyResult = string | { readonly key: string; readonly sortKey?: string };

/**
 * Computes the lock key from the event; may be async. Returning `undefined` (a missing field)
 * fails the invocation with a LockValidationError before any request; the handler does not run.
 *
 * @example
 * ```ts
 * const byCustomer: LockKeyFn<{ customerId: string }> = (event) => `customer#${event.customerId}`;
 * ```
 */
export type LockKeyFn<TEvent> = (event: TEvent, context: Context) => LockKeyResult | undefined | Promise<LockKeyResult | undefined>;

/**
 * The slice of middy's request object the middleware uses (works with middy 5, 6 and 7); the
 * `whenBusy` and `whenLost` callbacks receive it.
 *
 * @example
 * ```ts
 * withLock(byCustomer, { whenBusy: (_error, request: LockRequest<{ customerId: string }>) => ({ statusCode: 409, body:
 * request.event.customerId }) });
 * ```
 */
export interface LockRequest<TEvent = unknown, TResult = unknown> {
  event: TEvent;
  context: Context;
  response: TResult | undefined;
  error: unknown;
  /** middy's per-request store; Powertools' middlewares keep their cleanup functions there. */
  internal?: Record<string, unknown>;
}

/**
 * Options of {@link withLock}.
 *
 * @example
 * ```ts
 * withLock((e: { customerId: string }) => e.customerId, { leaseMs: 10_000, waitMs: 2_000, deadlineMarginMs: 1_500 });
 * ```
 */
export interface WithLockOptions<TEvent = unknown, TResult = unknown> extends LambdaClientOptions {
  /** Lease. @default 20000 (the client's) */
  readonly leaseMs?: number;
  /** How long to wait for a held lock, capped by the remaining invocation time. @default 0 (fail fast: a waiting Lambda is billed) */
  readonly waitMs?: number;
  /** Busy: throw LockBusyError (`'throw'`), or return this function's response without running the handler. @default 'throw' */
  readonly whenBusy?: 'throw' | ((error: LockBusyError, request: LockRequest<TEvent, TResult>) => TResult | Promise<TResult>);
  /** The lock was lost during the handler: fail the invocation (`'fail'`) or call this. @default 'fail' */
  readonly whenLost?: 'fail' | ((error: LockLostError | LockDeadlineError, request: LockRequest<TEvent, TResult>) => void | Promise<void>);
  /** Application data to store with the lock, from the event. */
  readonly data?: (event: TEvent, context: Context) => string | Uint8Array | undefined;
  /** Fair waiting: wait in turn behind clients queued for the key; `false` barges (see AcquireOptions.fair). @default false */
  readonly fair?: boolean;
}
