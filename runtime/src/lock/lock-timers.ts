/**
 * The three timers of a held lock — the next automatic heartbeat, the danger warning and the end
 * of validity — all unref'd: a lock must never keep a process (or a Lambda invocation) alive.
 *
 * @example
 * ```ts
 * const timers = new LockTimers();
 * timers.validity(9_000, 2_500, onExpiryCheck, onDanger);
 * timers.heartbeat(2_500, beat);
 * timers.clear();
 * ```
 */
export class LockTimers {
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private dangerTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;

  /** (Re)schedules the next automatic heartbeat. */
  heartbeat(delayMs: number, beat: () => void): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = unref(
      setTimeout(() => {
        this.heartbeatTimer = undefined;
        beat();
      }, delayMs),
    );
  }

  /** (Re)arms the end-of-validity check and, if there is time before it, the danger warning. */
  validity(remainingMs: number, dangerZoneMs: number, onExpiry: () => void, onDanger: () => void): void {
    clearTimeout(this.expiryTimer);
    clearTimeout(this.dangerTimer);
    this.dangerTimer = undefined;
    this.expiryTimer = unref(setTimeout(onExpiry, Math.max(0, remainingMs)));
    const untilDanger = remainingMs - dangerZoneMs;
    if (untilDanger > 0) this.dangerTimer = unref(setTimeout(onDanger, untilDanger));
  }

  /** Stops all three. */
  clear(): void {
    clearTimeout(this.heartbeatTimer);
    clearTimeout(this.dangerTimer);
    clearTimeout(this.expiryTimer);
    this.heartbeatTimer = this.dangerTimer = this.expiryTimer = undefined;
  }
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref?.();
  return timer;
}
