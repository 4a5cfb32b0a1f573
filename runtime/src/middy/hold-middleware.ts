import type { LockClient } from '../client/lock-client.js';
import { DEFAULTS } from '../defaults.js';
import { LockBusyError, LockDeadlineError, LockLostError, LockValidationError } from '../errors.js';
import { checkClientOptions } from '../lambda/check-client-options.js';
import { defaultLockClient } from '../lambda/default-lock-client.js';
import { InvocationDeadline } from '../lambda/invocation-deadline.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
import type { Lock } from '../lock/lock.js';
import { lockView } from '../lock/lock-view.js';
import { cleanupPowertools } from './cleanup-powertools.js';
import type { LockContext } from './lock-context.js';
import type { LockRequest, WithLockOptions } from './with-lock-options.js';

/** What ends a hold early: the lock was lost, or the invocation's deadline came. */
type HoldLoss = LockLostError | LockDeadlineError;

/** One invocation's hold on its lock; never shared between requests. */
interface Invocation {
  readonly deadline: InvocationDeadline;
  readonly controller: AbortController;
  lock?: Lock;
  active: boolean;
  /** Release started at the deadline; after/onError await it. */
  releasing?: Promise<unknown>;
  lost?: HoldLoss;
}

/**
 * The lock options a middleware sets per invocation: the wait, the lease, the data, and the
 * ties to the invocation (renewal while it runs, the lease cap, the loss).
 *
 * @example
 * ```ts
 * const acquire = (options: HoldOptions) => client.acquire('job', options);
 * ```
 */
export interface HoldOptions {
  readonly waitMs: number;
  readonly leaseMs: number | undefined;
  /** Fair waiting: wait in turn behind clients queued for the key; `false` barges (withLock only). */
  readonly fair?: boolean;
  readonly data: string | Uint8Array | undefined;
  readonly renewWhile: () => boolean;
  readonly maxLeaseMs: () => number;
  readonly onLost: (error: LockLostError) => void;
}

/**
 * What one invocation holds: a label for messages (`lock orders#42`) and how to acquire it.
 *
 * @example
 * ```ts
 * const target: HoldTarget = { label: 'lock job', acquire: (options) => client.acquire('job', options) };
 * ```
 */
export interface HoldTarget {
  readonly label: string;
  readonly acquire: (options: HoldOptions) => Promise<Lock>;
}

/**
 * Resolves an invocation's {@link HoldTarget} from its event, on the middleware's client.
 *
 * @example
 * ```ts
 * const resolve: ResolveHold<{ id: string }> = async (event, _context, client) => ({
 *   label: `lock ${event.id}`,
 *   acquire: (options) => client.acquire(event.id, options),
 * });
 * ```
 */
export type ResolveHold<TEvent> = (event: TEvent, context: Context, client: LockClient) => Promise<HoldTarget>;

/**
 * The machinery `withLock` and `withPermit` share: acquire in `before` with the invocation's
 * deadline, lease cap and renewal tie; `whenBusy`; the `context.lock` view; release in
 * `after`/`onError`, or at the deadline; a loss fails the invocation or goes to `whenLost`.
 * What is held — a lock, a semaphore permit — is the caller's `resolve`. `who` names the
 * middleware in messages.
 *
 * @example
 * ```ts
 * const middleware = holdMiddleware('withLock', async (event, _context, client) => ({
 *   label: `lock ${event.id}`,
 *   acquire: (options) => client.acquire(event.id, options),
 * }), {});
 * ```
 */
export function holdMiddleware<TEvent, TResult>(who: string, resolve: ResolveHold<TEvent>, options: WithLockOptions<TEvent, TResult>) {
  const marginMs = options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs;
  const invocations = new WeakMap<object, Invocation>();
  const client = defaultLockClient(who, options);

  const before = async (request: LockRequest<TEvent, TResult>): Promise<TResult | undefined> => {
    invocations.delete(request);
    const locks = client();
    const target = await resolve(request.event, request.context, locks);
    const data = options.data?.(request.event, request.context);
    const deadline = new InvocationDeadline(request.context, marginMs, `${target.label} released`, `${who}: `);
    // Need time to acquire, run something, and still release before the margin.
    if (!deadline.canStart()) {
      deadline.dispose();
      throw new LockDeadlineError(
        `${who}: only ${Math.max(0, deadline.remainingMs())} ms left in the invocation; refusing to start a critical` +
          ` section (deadlineMarginMs ${marginMs})`,
      );
    }
    const invocation: Invocation = { deadline, controller: new AbortController(), active: true };
    let lock: Lock;
    try {
      lock = await target.acquire({
        // Whole ms (acquire takes no fractions): a context may report fractional remaining time.
        waitMs: Math.floor(Math.min(options.waitMs ?? DEFAULTS.lambdaWaitMs, deadline.budgetMs() - marginMs)),
        // The default client was built with the lease; a client of the caller's gets it per lock.
        leaseMs: options.client && options.leaseMs,
        data,
        ...(options.fair !== undefined && { fair: options.fair }),
        renewWhile: () => invocation.active && deadline.remainingMs() > marginMs,
        // The lease never outlives the invocation: a killed environment's lock expires by then.
        maxLeaseMs: () => deadline.remainingMs(),
        onLost: (error) => lose(invocation, error),
      });
    } catch (error) {
      deadline.dispose();
      if (error instanceof LockBusyError && typeof options.whenBusy === 'function') {
        const response = await options.whenBusy(error, request);
        // An early return skips every `after` hook: let Powertools flush metrics and close segments.
        await cleanupPowertools(request);
        // middy ≥ 6 short-circuits on `earlyResponse` even when the response is undefined.
        (request as { earlyResponse?: unknown }).earlyResponse = response;
        return response;
      }
      throw error;
    }
    // Only now is this request the owner: onError after a failed before must not release.
    invocation.lock = lock;
    invocations.set(request, invocation);
    // A view, not the lock: the handler cannot release or renew what the middleware holds.
    (request.context as Context & { lock: LockContext }).lock = lockView(lock, invocation.controller.signal, () => deadline.budgetMs());
    const reached = () => {
      lose(invocation, deadline.signal.reason as LockDeadlineError);
      invocation.releasing = lock.release().catch(() => undefined);
    };
    if (deadline.signal.aborted) reached();
    else deadline.signal.addEventListener('abort', reached, { once: true });
    return undefined;
  };

  /**
   * Ends this request's hold: stops its timers and releases. Returns the loss to fail the
   * invocation with — none when there was none or `whenLost` took it.
   */
  const end = async (request: LockRequest<TEvent, TResult>): Promise<HoldLoss | undefined> => {
    const invocation = invocations.get(request);
    if (!invocation) return undefined;
    await finish(who, invocation);
    invocations.delete(request);
    if (!invocation.lost) return undefined;
    if (typeof options.whenLost !== 'function') return invocation.lost;
    await options.whenLost(invocation.lost, request);
    return undefined;
  };

  const after = async (request: LockRequest<TEvent, TResult>): Promise<void> => {
    const lost = await end(request);
    if (lost) throw lost;
  };

  const onError = async (request: LockRequest<TEvent, TResult>): Promise<void> => {
    const lost = await end(request);
    // The handler most likely failed *because* its signal aborted: fail with the loss, keeping
    // the handler's error as its cause (middy 7 would set it; middy 6 does not).
    if (!lost || request.error === lost) return;
    if (lost.cause === undefined) {
      Object.defineProperty(lost, 'cause', { value: request.error, configurable: true, writable: true });
    }
    throw lost;
  };

  return {
    /** Computes the key and acquires; the handler runs only once the lock is held. */
    before,
    /** Stops the timers and releases after the handler succeeded. */
    after,
    /** Stops the timers and releases after a failure, only if this request acquired. */
    onError,
  };
}

/** Stops every timer of the invocation and releases its lock (or waits for the deadline's release). */
async function finish(who: string, invocation: Invocation): Promise<void> {
  invocation.active = false;
  invocation.deadline.dispose();
  const lock = invocation.lock!;
  if (invocation.releasing) {
    await invocation.releasing;
    return;
  }
  try {
    const released = await lock.release();
    if (!released) lose(invocation, new LockLostError(`lock ${lock.key} was lost during the invocation`, lock.key, 'stolen'));
  } catch (error) {
    // Outcome unknown: the lock stops renewing and expires within one lease. Failing a handler
    // that succeeded would make Lambda retry finished work, so report and go on.
    console.warn(`${who}: releasing ${lock.key} failed; it expires within one lease`, error);
  }
}

function lose(invocation: Invocation, error: HoldLoss): void {
  invocation.lost ??= error;
  invocation.controller.abort(error);
}

/**
 * Refuses bad options `withLock` and `withPermit` share: the client options, `whenBusy`,
 * `whenLost` and `data` (unknown names are each middleware's own check).
 *
 * @example
 * ```ts
 * checkHoldOptions('withLock', { whenBusy: 'throw' });
 * ```
 */
export function checkHoldOptions<TEvent, TResult>(who: string, options: WithLockOptions<TEvent, TResult>): void {
  checkClientOptions(who, options);
  for (const name of ['whenBusy', 'whenLost'] as const) {
    const value = options[name];
    const literal = name === 'whenBusy' ? 'throw' : 'fail';
    if (value !== undefined && value !== literal && typeof value !== 'function') {
      throw new LockValidationError(`${who}: ${name} must be '${literal}' or a function`);
    }
  }
  if (options.data !== undefined && typeof options.data !== 'function')
    throw new LockValidationError(`${who}: data must be a function (event, context) => data`);
}
