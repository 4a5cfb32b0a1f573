/**
 * How fast a lock changes hands, as one client sees it: the fence grows by one per grant, so
 * fences seen against this process's monotonic clock give the time per grant, smoothed over the
 * last few grants (a moving average, so an idle spell weighs only once). Kept per lock across
 * calls by the client: a waiter paces its very first polls by what earlier calls saw. Only paces
 * polls (never decides who may take the lock): a wrong estimate costs requests or latency.
 *
 * @example
 * ```ts
 * const pace = new GrantPace();
 * pace.observe(41, 0);
 * pace.observe(44, 90);
 * pace.msPerGrant; // 30
 * ```
 */
export class GrantPace {
  private current: { fence: number; at: number } | undefined;
  private perGrant: number | undefined;
  /**
   * Others queued when this client last looked: its next call joins the queue first instead of
   * sending an acquire that the queue would refuse (one request fewer per grant on a hot key).
   */
  queueSeen = false;

  /** Records the fence a response showed at `at` (monotonic ms). */
  observe(fence: number | undefined, at: number): void {
    if (fence === undefined) return;
    const current = this.current;
    if (current?.fence === fence) return;
    // A fence from the time base (a deleted item made again) or going back says nothing of pace.
    if (current && fence > current.fence && fence - current.fence < 1_000_000) {
      const sample = (at - current.at) / (fence - current.fence);
      this.perGrant = this.perGrant === undefined ? sample : 0.7 * this.perGrant + 0.3 * sample;
    }
    this.current = { fence, at };
  }

  /** Ms per grant, smoothed; undefined until a grant was seen to change hands. */
  get msPerGrant(): number | undefined {
    return this.perGrant;
  }

  /** When the current grant was first seen (monotonic ms). */
  get grantSeenAt(): number | undefined {
    return this.current?.at;
  }
}

/**
 * The client's {@link GrantPace} per lock, least recently used dropped past `capacity`.
 *
 * @example
 * ```ts
 * const paces = new GrantPaces(1000);
 * const pace = paces.of('job');
 * ```
 */
export class GrantPaces {
  private readonly entries = new Map<string, GrantPace>();

  constructor(private readonly capacity: number) {}

  /** The pace of lock `id`, created on first use. */
  of(id: string): GrantPace {
    let pace = this.entries.get(id);
    if (pace) this.entries.delete(id);
    else pace = new GrantPace();
    this.entries.set(id, pace); // re-inserted: Map order is recency order
    if (this.entries.size > Math.max(1, this.capacity)) this.entries.delete(this.entries.keys().next().value!);
    return pace;
  }
}
