import { Prng } from './prng.js';

/**
 * Fault classes the proxy injects. All but `latency` replace the normal exchange:
 * - `drop`: forwarded and applied, response never delivered (connection reset): ambiguous outcome;
 * - `reset`: connection reset before forwarding (not applied);
 * - `hang`: never forwarded nor answered until the client gives up (partition);
 * - `throttle`: 400 ProvisionedThroughputExceededException / ThrottlingException (not applied);
 * - `error5xx`: 500 InternalServerError / 503 ServiceUnavailable (not applied);
 * - `late`: held `lateMs`, then forwarded whatever the client did meanwhile (a delayed request);
 * - `replay`: delivered normally, and a copy is sent again `lateMs` later (a replayed request).
 */
export const FAULT_CLASSES = ['drop', 'reset', 'hang', 'throttle', 'error5xx', 'late', 'replay'] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

/** How often one class fires: per request, and in bursts where every request gets it. */
export interface FaultRate {
  /** Probability per request. */
  readonly rate?: number;
  /** Probability per request that a burst starts. */
  readonly burstRate?: number;
  /** Length of a burst. */
  readonly burstMs?: number;
}

/** Which requests a fault applies to: by worker id and by DynamoDB operation. */
export interface FaultTarget {
  readonly workers?: readonly number[];
  readonly ops?: readonly string[];
}

export interface FaultPlan {
  /** Added to every request: base + uniform jitter. */
  readonly latencyMs?: number;
  readonly jitterMs?: number;
  readonly faults?: Partial<Record<FaultClass, FaultRate & FaultTarget>>;
  /** Delay of `late` and `replay`. */
  readonly lateMs?: number;
  /** A hung request is closed after this long even if the client keeps waiting (bounded). */
  readonly maxHangMs?: number;
}

/** What the proxy does with one request. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly fault: FaultClass | undefined;
}

/** A forced fault window, e.g. a throttling storm shorter or longer than the lease. */
interface Storm extends FaultTarget {
  readonly fault: FaultClass;
  readonly until: number;
}

/**
 * Decides, request by request, which fault to inject. Seeded; the decisions depend only on the
 * seed and the order requests arrive in (which the OS scheduler still varies a little).
 */
export class FaultInjector {
  readonly counts: Record<FaultClass | 'requests', number> = {
    requests: 0,
    drop: 0,
    reset: 0,
    hang: 0,
    throttle: 0,
    error5xx: 0,
    late: 0,
    replay: 0,
  };
  /** Requests per DynamoDB operation (what a grant costs). */
  readonly opCounts: Record<string, number> = {};
  /** Every injected fault with its time and target, for the checker to explain losses. */
  readonly log: Array<{ t: number; worker: number | undefined; fault: FaultClass }> = [];
  private readonly bursts = new Map<FaultClass, number>();
  private readonly storms: Storm[] = [];
  private readonly rng: Prng;

  constructor(
    private plan: FaultPlan,
    seed: number,
  ) {
    this.rng = new Prng(seed);
  }

  get lateMs(): number {
    return this.plan.lateMs ?? 2_000;
  }

  get maxHangMs(): number {
    return this.plan.maxHangMs ?? 10_000;
  }

  /** Replaces the plan (between phases of a scenario). */
  setPlan(plan: FaultPlan): void {
    this.plan = plan;
    this.bursts.clear();
  }

  /** Forces `fault` on matching requests for `ms` from `now`. */
  storm(fault: FaultClass, now: number, ms: number, target: FaultTarget = {}): void {
    this.storms.push({ fault, until: now + ms, ...target });
  }

  decide(now: number, worker: number | undefined, op: string): FaultDecision {
    this.counts.requests++;
    this.opCounts[op] = (this.opCounts[op] ?? 0) + 1;
    const delayMs = (this.plan.latencyMs ?? 0) + (this.plan.jitterMs ? this.rng.next() * this.plan.jitterMs : 0);
    const fault = this.stormFault(now, worker, op) ?? this.randomFault(now, worker, op);
    if (fault) {
      this.counts[fault]++;
      this.log.push({ t: now, worker, fault });
    }
    return { delayMs, fault };
  }

  private stormFault(now: number, worker: number | undefined, op: string): FaultClass | undefined {
    for (let i = this.storms.length - 1; i >= 0; i--) {
      if (this.storms[i]!.until <= now) this.storms.splice(i, 1);
    }
    return this.storms.find((s) => matches(s, worker, op))?.fault;
  }

  private randomFault(now: number, worker: number | undefined, op: string): FaultClass | undefined {
    for (const cls of FAULT_CLASSES) {
      const f = this.plan.faults?.[cls];
      if (!f || !matches(f, worker, op)) continue;
      // Draw for every class on every request, so one class's rate does not shift another's stream.
      const burstStarts = this.rng.chance(f.burstRate ?? 0);
      const single = this.rng.chance(f.rate ?? 0);
      if (burstStarts) this.bursts.set(cls, now + (f.burstMs ?? 200));
      if ((this.bursts.get(cls) ?? 0) > now || single) return cls;
    }
    return undefined;
  }
}

function matches(target: FaultTarget, worker: number | undefined, op: string): boolean {
  if (target.workers && (worker === undefined || !target.workers.includes(worker))) return false;
  return !target.ops || target.ops.includes(op);
}
