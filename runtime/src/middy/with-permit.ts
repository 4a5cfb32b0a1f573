import type { LockClient } from '../client/lock-client.js';
import { configurationCheck } from '../configuration.js';
import { LockValidationError } from '../errors.js';
import { LAMBDA_CLIENT_OPTION_NAMES } from '../lambda/lambda-client-options.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
import { checkPermits } from '../semaphore/check-semaphore.js';
import { Semaphore } from '../semaphore/semaphore.js';
import { checkKnownKeys, checkString, MAX_PARTITION_KEY_BYTES } from '../validate.js';
import { checkHoldOptions, holdMiddleware } from './hold-middleware.js';
import type { WithLockOptions } from './with-lock-options.js';

/**
 * The semaphore of an invocation: a fixed name, or a function of the event (one semaphore per
 * partner, per tenant …).
 *
 * @example
 * ```ts
 * const byPartner: SemaphoreNameFn<{ partner: string }> = (event) => `partner-${event.partner}`;
 * ```
 */
export type SemaphoreNameFn<TEvent> = string | ((event: TEvent, context: Context) => string | Promise<string>);

/**
 * Options of {@link withPermit}: `permits` (N) and every option of `withLock`.
 *
 * @example
 * ```ts
 * const options: WithPermitOptions = { permits: 5, waitMs: 2_000, whenBusy: () => ({ statusCode: 429 }) };
 * ```
 */
export interface WithPermitOptions<TEvent = unknown, TResult = unknown> extends WithLockOptions<TEvent, TResult> {
  /** N: at most this many invocations hold a permit at once (1 … 100); every client must agree. */
  readonly permits: number;
}

const OPTION_NAMES = [...LAMBDA_CLIENT_OPTION_NAMES, 'permits', 'leaseMs', 'waitMs', 'whenBusy', 'whenLost', 'data'] as const;

/**
 * Middy middleware that holds one permit of a semaphore for the duration of the handler: at most
 * N invocations run the handler at once, across every execution environment. Everything else is
 * `withLock`'s, by the same code: the invocation deadline, the lease capped by the remaining time,
 * wall-clock takeover by default, `whenBusy` (a LockBusyError whose `retryAfterMs` is when the
 * first permit could free up), `whenLost`, the `context.lock` view (`context.lock.permit` says
 * which permit) and the observer events (with `semaphore` and `permit`). A killed environment's
 * permit comes back as a killed environment's lock does.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { withPermit } from '@ddb-lock/runtime/middy';
 *
 * export const handler = middy(async (event: { id: string }) => callPartnerApi(event.id))
 *   .use(withPermit('partner-api', { permits: 5, whenBusy: () => ({ statusCode: 429 }) }));
 * ```
 */
// biome-ignore lint/suspicious/noExplicitAny: as withLock's TEvent (an unannotated name function reads the event freely)
export function withPermit<TEvent = any, TResult = unknown>(name: SemaphoreNameFn<TEvent>, options: WithPermitOptions<TEvent, TResult>) {
  configurationCheck(() => checkOptions(name, options));
  const { permits, ...lockOptions } = options;
  // One Semaphore per name on the middleware's one client (a warm environment reuses them).
  const semaphores = new Map<string, Semaphore>();
  const semaphoreOf = (client: LockClient, resolved: string): Semaphore => {
    const known = semaphores.get(resolved);
    if (known) return known;
    const semaphore = new Semaphore(client, resolved, { permits });
    // A name function of many values (one per tenant) must not grow a warm environment forever;
    // a Semaphore is only its keys, so starting over costs nothing.
    if (semaphores.size >= 1_000) semaphores.clear();
    semaphores.set(resolved, semaphore);
    return semaphore;
  };
  return holdMiddleware<TEvent, TResult>(
    'withPermit',
    async (event, context, client) => {
      const resolved = typeof name === 'string' ? name : await resolveName(name, event, context);
      const semaphore = semaphoreOf(client, resolved);
      return { label: `a permit of semaphore ${resolved}`, acquire: (hold) => semaphore.acquire(hold) };
    },
    lockOptions,
  );
}

async function resolveName<TEvent>(fn: (event: TEvent, context: Context) => string | Promise<string>, event: TEvent, context: Context) {
  let name: unknown;
  try {
    name = await fn(event, context);
  } catch (error) {
    throw new LockValidationError(`withPermit: the name function threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  checkString('withPermit semaphore name', name, MAX_PARTITION_KEY_BYTES - 4);
  return name as string;
}

function checkOptions<TEvent, TResult>(name: unknown, options: WithPermitOptions<TEvent, TResult>): void {
  if (typeof name !== 'function') checkString('withPermit: the semaphore name', name, MAX_PARTITION_KEY_BYTES - 4);
  if (options === null || typeof options !== 'object') throw new LockValidationError('withPermit: options with permits are required');
  checkKnownKeys('withPermit options', options, OPTION_NAMES);
  checkPermits(options.permits, 'withPermit: permits');
  checkHoldOptions('withPermit', options);
}
