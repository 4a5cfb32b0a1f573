/**
 * Runs one lock's writes one after another, so a release never overtakes an in-flight heartbeat:
 * each write starts once the previous one settled, whether it succeeded or failed.
 *
 * @example
 * ```ts
 * const writes = new SerialWrites();
 * await Promise.all([writes.run(renew), writes.run(release)]); // release is sent after renew settles
 * ```
 */
export class SerialWrites {
  private last: Promise<unknown> = Promise.resolve();

  /** Queues `work` behind the writes already queued; resolves or rejects as `work` does. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.last.then(work, work);
    this.last = run.catch(() => undefined);
    return run;
  }
}
