import { LockValidationError } from './errors.js';
import { VERSION } from './version.js';

/**
 * Module-private state kept beside public objects (a WeakMap), so it is no member of them: what
 * `client-internals` and `lock-internals` build their accessors on.
 *
 * @example
 * ```ts
 * const registry = internalRegistry<{ secret: string }>('a LockClient');
 * registry.set(client, { secret: 'x' });
 * registry.of(client).secret;
 * ```
 */
export function internalRegistry<T>(expected: string) {
  // One map per process and version, not per module instance: a Lock made by the CommonJS build
  // must be usable by the ESM build's fencedWrite in the same process (and the other way round).
  const slot = Symbol.for(`@ddb-lock/runtime@${VERSION} internals of ${expected}`);
  const shared = globalThis as unknown as Record<symbol, WeakMap<object, T> | undefined>;
  shared[slot] ??= new WeakMap<object, T>();
  const entries = shared[slot];
  return {
    /** Attaches the internals to `owner`. */
    set(owner: object, internals: T): void {
      entries.set(owner, internals);
    },
    /** The internals of `owner`, if any. */
    find(owner: object): T | undefined {
      return entries.get(owner);
    },
    /** The internals of `owner`; LockValidationError when it has none (not one of ours). */
    of(owner: unknown): T {
      const internals = owner !== null && typeof owner === 'object' ? entries.get(owner) : undefined;
      if (!internals) throw new LockValidationError(`expected ${expected}`);
      return internals;
    },
  };
}
