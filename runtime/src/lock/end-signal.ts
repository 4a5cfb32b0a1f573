import { LockNotOwnerError } from '../errors.js';

/**
 * The AbortSignal of a grant (`lock.signal`), made on first use: most grants are released without
 * anyone asking for it, and an AbortController, its `abort` event and the Error given as its
 * reason cost the hot path of an uncontended acquire+release measurable CPU (issue 10). The
 * reason is built only when a signal exists or is asked for later.
 *
 * @example
 * ```ts
 * const ended = new EndSignal();
 * ended.end(() => new LockNotOwnerError('lock job was released'));
 * ended.signal.aborted; // true: asked for after the end, aborted with the same kind of reason
 * ```
 */
export class EndSignal {
  private controller: AbortController | undefined;
  private reason: (() => Error) | undefined;

  /** Aborts when {@link EndSignal.end} is called; already aborted when asked for after it. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason());
    }
    return this.controller.signal;
  }

  /** Ends the grant: aborts the signal if anyone holds it, and remembers why for later askers. */
  end(reason: () => Error): void {
    this.reason = reason;
    this.controller?.abort(reason());
  }
}

/**
 * The reason a released grant's signal aborts with, as a factory: built only if someone reads it.
 *
 * @example
 * ```ts
 * ended.end(releasedReason('job'));
 * ```
 */
export function releasedReason(key: string, cause?: unknown): () => Error {
  return () => new LockNotOwnerError(`lock ${key} was released`, cause === undefined ? undefined : { cause });
}
