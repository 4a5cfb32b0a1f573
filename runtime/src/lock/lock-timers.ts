/** Timer callbacks may run up to this much early: Node rounds delays to whole milliseconds. */
const EARLY_MS = 1;

/**
 * What a held lock does at each of its deadlines. `expiry` may run a little before the end of
 * validity (timers fire early by rounding): it checks validity and re-arms rather than miss it.
 *
 * @example
 * ```ts
 * const on: LockDeadlines = { heartbeat: beat, danger: warn, expiry: () => lock.isValid() && rearm() };
 * ```
 */
export interface LockDeadlines {
  heartbeat(): void;
  danger(): void;
  expiry(): void;
}

const SLOTS = ['heartbeat', 'danger', 'expiry'] as const;

/**
 * The three deadlines of a held lock — the next automatic heartbeat, the danger warning and the
 * end of validity — on ONE unref'd timer set for whichever comes first: a lock must never keep a
 * process (or a Lambda invocation) alive. One timer instead of three, and handlers given once
 * instead of closures on every renewal, take a share of the CPU of every grant, most of which end
 * (release) before any deadline (issue 10). Due times are kept on `performance.now()`, the clock
 * setTimeout itself runs on.
 *
 * @example
 * ```ts
 * const timers = new LockTimers({ heartbeat: beat, danger: warn, expiry: check });
 * timers.heartbeat(2_500);
 * timers.validity(9_000, 2_500);
 * timers.clear();
 * ```
 */
export class LockTimers {
  private readonly due = { heartbeat: Number.POSITIVE_INFINITY, danger: Number.POSITIVE_INFINITY, expiry: Number.POSITIVE_INFINITY };
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Number.POSITIVE_INFINITY;

  constructor(private readonly on: LockDeadlines) {}

  /** (Re)schedules the next automatic heartbeat. */
  heartbeat(delayMs: number): void {
    this.due.heartbeat = performance.now() + Math.max(0, delayMs);
    this.arm();
  }

  /** (Re)arms the end-of-validity check and, if there is time before it, the danger warning. */
  validity(remainingMs: number, dangerZoneMs: number): void {
    const now = performance.now();
    this.due.expiry = now + Math.max(0, remainingMs);
    this.due.danger = remainingMs > dangerZoneMs ? now + remainingMs - dangerZoneMs : Number.POSITIVE_INFINITY;
    this.arm();
  }

  /** Stops all three. */
  clear(): void {
    this.due.heartbeat = this.due.danger = this.due.expiry = Number.POSITIVE_INFINITY;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
  }

  /**
   * Sets the one timer for the earliest deadline. A timer already set for that time or earlier
   * stays: when it fires with nothing due it re-arms, which is cheaper than replacing it on every
   * renewal that pushes the deadlines back.
   */
  private arm(): void {
    const next = Math.min(this.due.heartbeat, this.due.danger, this.due.expiry);
    if (this.timer !== undefined && this.timerDue <= next) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = next;
    if (next === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - performance.now()));
    this.timer.unref?.();
  }

  /** Runs every deadline that has come, in heartbeat, danger, expiry order, then re-arms. */
  private fire(): void {
    this.timer = undefined;
    this.timerDue = Number.POSITIVE_INFINITY;
    const now = performance.now() + EARLY_MS;
    for (const slot of SLOTS) {
      if (this.due[slot] > now) continue;
      // Cleared before running: the handler may schedule its own slot again (or clear them all).
      this.due[slot] = Number.POSITIVE_INFINITY;
      this.on[slot]();
    }
    this.arm();
  }
}
