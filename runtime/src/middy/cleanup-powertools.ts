/**
 * Keys under which Powertools for AWS Lambda's middlewares (tracer, metrics, logger, idempotency)
 * leave their cleanup functions in middy's `request.internal`, in the order its own
 * `cleanupMiddlewares` runs them. Read here instead of importing `@aws-lambda-powertools/commons`,
 * so `@ddb-lock/runtime/middy` needs no Powertools package.
 */
const POWERTOOLS_CLEANUP_KEYS = ['tracer', 'metrics', 'logger', 'idempotency'].map((name) => `powertools-for-aws.${name}`);

/**
 * Runs Powertools' middleware cleanup before `withLock` returns early (`whenBusy`): middy then
 * skips every `after` hook, so without it metrics would not be flushed and the handler's trace
 * segment would stay open. The same protocol as Powertools' `cleanupMiddlewares(request)`.
 *
 * @example
 * ```ts
 * await cleanupPowertools(request);
 * return earlyResponse;
 * ```
 */
export async function cleanupPowertools(request: { internal?: Record<string, unknown> }): Promise<void> {
  const internal = request.internal;
  if (!internal) return;
  for (const key of POWERTOOLS_CLEANUP_KEYS) {
    const cleanup = Object.hasOwn(internal, key) ? internal[key] : undefined;
    if (typeof cleanup === 'function') await (cleanup as (request: unknown) => unknown)(request);
  }
}
