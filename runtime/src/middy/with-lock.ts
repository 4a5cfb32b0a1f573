import { configurationCheck } from '../configuration.js';
import { LockValidationError } from '../errors.js';
import { LAMBDA_CLIENT_OPTION_NAMES } from '../lambda/lambda-client-options.js';
import { type KeyLabels, resolveKey } from '../lambda/resolve-key.js';
import { checkKnownKeys } from '../validate.js';
import { checkHoldOptions, holdMiddleware } from './hold-middleware.js';
import type { LockKeyFn, WithLockOptions } from './with-lock-options.js';

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
  return holdMiddleware<TEvent, TResult>(
    'withLock',
    async (event, context, client) => {
      const { key, sortKey } = await resolveKey(KEY_LABELS, keyFn, event, context);
      return { label: `lock ${key}`, acquire: (hold) => client.acquire(key, { ...hold, sortKey }) };
    },
    options,
  );
}

function checkOptions<TEvent, TResult>(keyFn: unknown, options: WithLockOptions<TEvent, TResult>): void {
  if (typeof keyFn !== 'function') throw new LockValidationError('withLock: the first argument must be a function (event, context) => key');
  checkKnownKeys('withLock options', options, OPTION_NAMES);
  checkHoldOptions('withLock', options);
}
