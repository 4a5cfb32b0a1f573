import { LockConfigurationError, LockValidationError } from './errors.js';

/**
 * Runs a check of configuration (a client's options, a middleware's, a table name) and turns
 * the LockValidationError it throws into a {@link LockConfigurationError}. The checks themselves
 * (`validate.ts`) serve callers and configuration alike; which one it is depends only on where
 * the value came from, so the boundary that knows says so, here.
 *
 * @example
 * ```ts
 * const resolved = configurationCheck(() => resolveClientOptions(options));
 * ```
 */
export function configurationCheck<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof LockValidationError) throw new LockConfigurationError(error.message, { cause: error });
    throw error;
  }
}
