import { LockDeadlineError } from '../errors.js';
import type { RemainingTime } from './lambda-context.js';
import { remainingMs } from './remaining-ms.js';

/**
 * One invocation's budget: Lambda's remaining time minus `marginMs`. At that point `signal`
 * aborts with a LockDeadlineError, so the middleware or the batch stops its work, releases its
 * locks and answers before the hard timeout — an answer that never comes makes Lambda run the
 * invocation (the whole batch) again. Shared by `withLock` and the batch handlers.
 *
 * @example
 * ```ts
 * const deadline = new InvocationDeadline(context, 1_000, 'record not run or not finished');
 * if (!deadline.canStart()) throw deadline.error();
 * ```
 */
export class InvocationDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;

  /** `outcome` ends the deadline's message: what became of the work it cut short. */
  constructor(
    private readonly context: RemainingTime | undefined,
    readonly marginMs: number,
    private readonly outcome: string,
    private readonly prefix = '',
  ) {
    this.signal = this.controller.signal;
    const untilDeadline = this.budgetMs();
    if (Number.isFinite(untilDeadline)) {
      this.timer = setTimeout(() => this.controller.abort(this.error()), Math.max(0, untilDeadline));
      // The invocation awaits its work; this timer alone must not keep a process alive.
      this.timer.unref?.();
    }
  }

  /** Lambda's remaining time; Infinity outside Lambda. 0 means no time left, not "unknown". */
  remainingMs(): number {
    return remainingMs(this.context);
  }

  /** Time until the deadline. */
  budgetMs(): number {
    return this.remainingMs() - this.marginMs;
  }

  /** Enough time to acquire, run something and still release before the margin (withLock's rule). */
  canStart(): boolean {
    return !this.signal.aborted && this.budgetMs() > this.marginMs;
  }

  error(): LockDeadlineError {
    return new LockDeadlineError(`${this.prefix}invocation deadline (remaining time − ${this.marginMs} ms) reached; ${this.outcome}`);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
