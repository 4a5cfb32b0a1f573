/**
 * At most `limit` tasks at once, started in the order they asked.
 *
 * @example
 * ```ts
 * const limit = new ConcurrencyLimit(2);
 * await Promise.all(jobs.map((job) => limit.run(job)));
 * ```
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
