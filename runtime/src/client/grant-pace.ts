/**
 * How fast a lock changes hands, as one waiter sees it: the fence grows by one per grant, so
 * the fences seen over a wait, against this process's monotonic clock, give the time per grant.
 * Only paces polls (never decides who may take the lock), so a wrong estimate costs requests or
 * latency, nothing else.
 *
 * @example
 * ```ts
 * const pace = new GrantPace();
 * pace.observe(41, performance.now());
 * pace.observe(44, performance.now() + 90);
 * pace.msPerGrant; // 30
 * ```
 */
export class GrantPace {
  private first: { fence: number; at: number } | undefined;
  private current: { fence: number; at: number } | undefined;

  /** Records the fence a response showed at `at` (monotonic ms). */
  observe(fence: number | undefined, at: number): void {
    if (fence === undefined) return;
    const current = this.current;
    if (current?.fence === fence) return;
    // A fence from the time base (a deleted item made again) or going back: start over.
    if (!current || !this.first || fence < current.fence || fence - this.first.fence > 1_000_000) {
      this.first = { fence, at };
    }
    this.current = { fence, at };
  }

  /** Mean ms between grants over what was seen; undefined until a grant was seen to change hands. */
  get msPerGrant(): number | undefined {
    const { first, current } = this;
    if (!first || !current || current.fence === first.fence) return undefined;
    return (current.at - first.at) / (current.fence - first.fence);
  }

  /** When the current grant was first seen (monotonic ms). */
  get grantSeenAt(): number | undefined {
    return this.current?.at;
  }
}
