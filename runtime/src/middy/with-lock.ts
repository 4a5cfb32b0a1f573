import { LockBusyError, LockDeadlineError, LockLostError, LockValidationError } from '../errors.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';

/** What ends a hold early: the lock was lost, or the invocation's deadline came. */
type HoldLoss = LockLostError | LockDeadlineError;

import { configurationCheck } from '../configuration.js';
import { DEFAULTS } from '../defaults.js';
import { checkClientOptions } from '../lambda/check-client-options.js';
import { defaultLockClient } from '../lambda/default-lock-client.js';
import { InvocationDeadline } from '../lambda/invocation-deadline.js';
import { LAMBDA_CLIENT_OPTION_NAMES } from '../lambda/lambda-client-options.js';
import { type KeyLabels, resolveKey } from '../lambda/resolve-key.js';
import type { Lock } from '../lock/lock.js';
import { lockView } from '../lock/lock-view.js';
import { checkKnownKeys } from '../validate.js';
import { cleanupPowertools } from './cleanup-powertools.js';
import type { LockContext } from './lock-context.js';
import type { LockKeyFn, LockRequest, WithLockOptions } from './with-lock-options.js';

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

const KEY_LABELS: KeyLabels = { fn: 'withLock: the key function', key: 'withLock key', sortKey: 'withLock sortKey' };

const OPTION_NAMES = [...LAMBDA_CLIENT_OPTION_NAMES, 'leaseMs', 'waitMs', 'whenBusy', 'whenLost', 'data', 'fair'] as const;

/**
 * Middy middleware that holds a DynamoDB lock, keyed from the event, for the duration of the
 * handler: acquires in `before`, heartbeats while the handler runs, and releases in
 * `after`/`onError` — or, at remaining time − `deadlineMarginMs`, aborts `context.lock.signal`
 * and releases before Lambda's hard timeout. A lock lost mid-handler fails the invocation
 * (default) or goes to `whenLost`. Use it as the last `.use()`: a later middleware that returns
 * early makes middy skip every `after` hook (the lock then stops renewing and is released by its
 * deadline timer or the next invocation's thaw, but holds until then).
 *
 * @typeParam TEvent - the event; `any` unless named, so an unannotated key function reads it freely.
 * @typeParam TResult - the handler's result. middy's `use()` takes any middleware and cannot infer
 *   it from the handler: name it (`withLock<Event, Result>(…)`) and `whenBusy` must answer with it.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { withLock, type LockedContext } from '@ddb-lock/runtime/middy';
 *
 * export const handler = middy(async (event: { customerId: string }, context: LockedContext) => {
 *   await bill(event.customerId, { fence: context.lock.fence, signal: context.lock.signal });
 * }).use(withLock((event) => event.customerId));
 * ```
 */
// an unannotated key function reads the event's fields (`(e) => e.customerId`), as the README shows; `unknown` would refuse that
// biome-ignore lint/suspicious/noExplicitAny: see the comment above
export function withLock<TEvent = any, TResult = unknown>(keyFn: LockKeyFn<TEvent>, options: WithLockOptions<TEvent, TResult> = {}) {
  configurationCheck(() => checkOptions(keyFn, options));
  const marginMs = options.deadlineMarginMs ?? DEFAULTS.deadlineMarginMs;
  const invocations = new WeakMap<object, Invocation>();
  const client = defaultLockClient('withLock', options);

  const before = async (request: LockRequest<TEvent, TResult>): Promise<TResult | undefined> => {
    invocations.delete(request);
    const locks = client();
    const { key, sortKey } = await resolveKey(KEY_LABELS, keyFn, request.event, request.context);
    const data = options.data?.(request.event, request.context);
    const deadline = new InvocationDeadline(request.context, marginMs, `lock ${key} released`, 'withLock: ');
    // Need time to acquire, run something, and still release before the margin.
    if (!deadline.canStart()) {
      deadline.dispose();
      throw new LockDeadlineError(
        `withLock: only ${Math.max(0, deadline.remainingMs())} ms left in the invocation; refusing to start a critical` +
          ` section (deadlineMarginMs ${marginMs})`,
      );
    }
    const invocation: Invocation = { deadline, controller: new AbortController(), active: true };
    let lock: Lock;
    try {
      lock = await locks.acquire(key, {
        sortKey,
        // Whole ms (acquire takes no fractions): a context may report fractional remaining time.
        waitMs: Math.floor(Math.min(options.waitMs ?? DEFAULTS.lambdaWaitMs, deadline.budgetMs() - marginMs)),
        // The default client was built with the lease; a client of the caller's gets it per lock.
        leaseMs: options.client && options.leaseMs,
        data,
        fair: options.fair,
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
    await finish(invocation);
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
async function finish(invocation: Invocation): Promise<void> {
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
    console.warn(`withLock: releasing ${lock.key} failed; it expires within one lease`, error);
  }
}

function lose(invocation: Invocation, error: HoldLoss): void {
  invocation.lost ??= error;
  invocation.controller.abort(error);
}

function checkOptions<TEvent, TResult>(keyFn: unknown, options: WithLockOptions<TEvent, TResult>): void {
  if (typeof keyFn !== 'function') throw new LockValidationError('withLock: the first argument must be a function (event, context) => key');
  checkKnownKeys('withLock options', options, OPTION_NAMES);
  checkClientOptions('withLock', options);
  for (const name of ['whenBusy', 'whenLost'] as const) {
    const value = options[name];
    const literal = name === 'whenBusy' ? 'throw' : 'fail';
    if (value !== undefined && value !== literal && typeof value !== 'function') {
      throw new LockValidationError(`withLock: ${name} must be '${literal}' or a function`);
    }
  }
  if (options.data !== undefined && typeof options.data !== 'function')
    throw new LockValidationError('withLock: data must be a function (event, context) => data');
}
