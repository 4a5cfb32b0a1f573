import type { Context } from 'aws-lambda';
import { LockDeadlineError } from '../errors.js';
import { remainingMs } from '../lambda/remaining-ms.js';

/**
 * One batch's budget: Lambda's remaining time minus `marginMs`. At that point `signal` aborts
 * (with a LockDeadlineError) so the batch stops its records, releases its holds and answers
 * before the hard timeout — an answer that never comes makes Lambda deliver the whole batch again.
 *
 * @example
 * ```ts
 * const deadline = new InvocationDeadline(context, 1_000);
 * if (!deadline.canStart()) throw deadline.error();
 * ```
 */
export class InvocationDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: Context | undefined,
    readonly marginMs: number,
  ) {
    this.signal = this.controller.signal;
    const untilDeadline = this.remainingMs() - marginMs;
    if (Number.isFinite(untilDeadline)) {
      this.timer = setTimeout(() => this.controller.abort(this.error()), Math.max(0, untilDeadline));
      // The batch awaits its records; this timer alone must not keep a process alive.
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
    return new LockDeadlineError(`invocation deadline (remaining time − ${this.marginMs} ms) reached; record not run or not finished`);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
