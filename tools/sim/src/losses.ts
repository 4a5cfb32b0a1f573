import type { SimNetworkClient } from './network.ts';
import type { Scenario } from './scenario.ts';
import type { SkewExcuse } from './skew-bound.ts';

/**
 * A lock, permit or term a process was told it lost, as `onLost` reported it.
 *
 * @example
 * ```ts
 * losses.push({ owner: proc.name, key: 'k0', reason: 'expired', at: world.now });
 * ```
 */
export interface Loss {
  readonly owner: string;
  /** The lock key; `a permit of s0` for a permit (its key is not known to the job). */
  readonly key: string;
  readonly reason: string;
  readonly at: number;
  /** Lost while its holder was inside `release()`: given up already, so not a spurious loss. */
  readonly releasing: boolean;
}

/**
 * L2 under faults: a lock lost (`expired` or `stolen`) must be explained by something that
 * happened to its own process within the two leases before the loss: a request on that key (or
 * on any permit of that semaphore) dropped, answered late by more than a third of a lease (the
 * L2 bound, lease − heartbeat − margin, halved), duplicated, cut off by a partition or given up
 * on; the process paused; or, in fast mode, its wall clock outside the skew bound against
 * another's. A loss while the holder is giving the lock up (inside `release()`, or with a release
 * or an election's resign of it on the wire) is not L2's: a heartbeat answer that arrives after
 * the release began no longer renews the lock (docs/guides/simulator.md, what it found). A loss
 * with none of these is spurious. Faults of *other* processes never explain it: they cannot make
 * a healthy holder's heartbeats fail. (Calm scenarios are held to more: no
 * loss at all.) The window is generous on purpose: the check must never call a fault-explained
 * loss spurious, and a loss with no fault of its own anywhere near it is the bug it exists for.
 *
 * @example
 * ```ts
 * checkLosses(losses, scenario, networks, excused, violations);
 * ```
 */
export function checkLosses(
  losses: readonly Loss[],
  scenario: Scenario,
  networks: readonly SimNetworkClient[],
  excused: SkewExcuse,
  violations: string[],
): void {
  const names = scenario.processes.map((_, i) => `p${i}`);
  for (const loss of losses) {
    if (loss.reason !== 'expired' && loss.reason !== 'stolen') continue;
    const slot = names.indexOf(loss.owner);
    const from = loss.at - 2 * scenario.leaseMs;
    const within = (at: number, forMs = 0) => at <= loss.at && at + forMs >= from;
    const plan = scenario.processes[slot]!;
    const permitOf = /^a permit of (\S+)$/.exec(loss.key)?.[1];
    const onKey = (key: string) => (permitOf === undefined ? key === loss.key : key.startsWith(`${permitOf}#`));
    // Given up already: inside release() (the job's), or a release or resign of it on the wire.
    const releasing = loss.releasing || networks[slot]!.releases.some((r) => onKey(r.key) && r.from <= loss.at && loss.at <= r.to);
    if (releasing) continue;
    const explained =
      (plan.pause !== undefined && within(plan.pause.atMs, plan.pause.forMs)) ||
      (plan.partition !== undefined && within(plan.partition.atMs, plan.partition.forMs)) ||
      networks[slot]!.troubles.some((t) => onKey(t.key) && within(t.at, t.forMs)) ||
      names.some((other) => other !== loss.owner && excused(loss.owner, other, loss.at));
    if (!explained) {
      violations.push(
        `L2: ${loss.owner} lost ${loss.key} (${loss.reason}) at ${loss.at.toFixed(1)} with no fault, pause or slow answer of its own ` +
          `in the two leases before`,
      );
    }
  }
}
