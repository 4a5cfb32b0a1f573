import fc from 'fast-check';
import type { NetworkFaults } from './network.ts';

/**
 * How a job takes what it holds: a lock (`acquire` waits up to `waitMs`; `try` is one
 * tryAcquire; `lambda` is one Lambda invocation through `withLock`, its before and after hooks,
 * with `timeoutMs` to run), a permit of semaphore `s<key>` (`permit` waits up to `waitMs`,
 * `permit-try` is one tryAcquire), or a term of election `e<key>` (`campaign`: read the leader,
 * campaign for up to `waitMs` + a lease, lead, resign; `lead`: `Election.lead` for one term).
 *
 * @example
 * ```ts
 * const permitJobs = jobs.filter((j) => PERMIT_CALLS.includes(j.call));
 * ```
 */
export type Call = 'acquire' | 'try' | 'lambda' | 'permit' | 'permit-try' | 'campaign' | 'lead';

/**
 * The calls that take a semaphore permit.
 *
 * @example
 * ```ts
 * if (PERMIT_CALLS.includes(job.call)) console.log(`a permit of s${job.key}`);
 * ```
 */
export const PERMIT_CALLS: readonly Call[] = ['permit', 'permit-try'];

/**
 * The calls that take an election term.
 *
 * @example
 * ```ts
 * if (ELECTION_CALLS.includes(job.call)) console.log(`a term of e${job.key}`);
 * ```
 */
export const ELECTION_CALLS: readonly Call[] = ['campaign', 'lead'];

/** One thing a simulated process's program does with a lock, a permit or a term. */
export interface Job {
  readonly key: number;
  readonly call: Call;
  /** The invocation's timeout (`lambda` jobs): at its end minus the margin, the hold is cut. */
  readonly timeoutMs: number;
  readonly waitMs: number;
  /** Work done while holding, in slices; validity is checked around each. */
  readonly slices: number;
  readonly sliceMs: number;
  /** A nested reentrant acquire and release inside the hold (the outer one must stay valid; locks only). */
  readonly nested: boolean;
  /** One fenced write per slice to the key's resource item (S1 at the resource). */
  readonly fencedWrites: boolean;
  readonly deleteOnRelease: boolean;
  /** Pause before the next job (ms of this process's time). */
  readonly idleMs: number;
}

/** One simulated process: its clocks, its program, and what happens to it. */
export interface ProcessPlan {
  readonly skewMs: number;
  readonly drift: number;
  readonly jobs: readonly Job[];
  /** Paused (timers and responses frozen, clocks running) at `atMs` for `forMs`, in true time. */
  readonly pause?: { readonly atMs: number; readonly forMs: number };
  /** Killed at `atMs` true time: nothing of it runs again; its item stays until taken over. */
  readonly crashAtMs?: number;
  /** Its last lock is kept and the client closed with `close({ release: false })` (a shutdown that leaves the item to expire). */
  readonly abandon?: boolean;
  /** Cut off from DynamoDB from `atMs` for `forMs` (true time): every request it sends then is lost. */
  readonly partition?: { readonly atMs: number; readonly forMs: number };
}

/** A whole scenario: everything a run depends on, so a run replays from it exactly. */
export interface Scenario {
  readonly seed: number;
  readonly keys: number;
  /** N of every semaphore the scenario's permit jobs use (all its clients agree on it, as SN assumes). */
  readonly permits: number;
  readonly leaseMs: number;
  /** Opt-in fast takeover with this skew bound (clocks are drawn within it). */
  readonly maxSkewMs?: number;
  readonly faults: NetworkFaults;
  readonly processes: readonly ProcessPlan[];
}

/** No faults, no pauses, no crashes, no skew: where L2 (no spurious loss) and the request counts must hold. */
export function isCalm(s: Scenario): boolean {
  const f = s.faults;
  return (
    f.dropRequest === 0 &&
    f.dropResponse === 0 &&
    f.duplicate === 0 &&
    f.maxDelayMs <= 20 &&
    s.processes.every((p) => !p.pause && !p.partition && p.crashAtMs === undefined && p.drift === 0)
  );
}

const LEASES = [1_000, 2_000] as const;

// Locks keep most of the jobs (the lock mutants are caught as soon as before); permits and terms
// are locks too, so they also exercise the lock's own code.
const CALLS: fc.Arbitrary<Call> = fc.oneof(
  { arbitrary: fc.constant('acquire' as const), weight: 3 },
  { arbitrary: fc.constant('try' as const), weight: 2 },
  { arbitrary: fc.constant('lambda' as const), weight: 2 },
  { arbitrary: fc.constant('permit' as const), weight: 2 },
  { arbitrary: fc.constant('permit-try' as const), weight: 1 },
  { arbitrary: fc.constant('campaign' as const), weight: 2 },
  { arbitrary: fc.constant('lead' as const), weight: 1 },
);

function job(keys: number, leaseMs: number): fc.Arbitrary<Job> {
  return fc.record({
    key: fc.integer({ min: 0, max: keys - 1 }),
    call: CALLS,
    timeoutMs: fc.integer({ min: leaseMs / 2, max: 4 * leaseMs }),
    waitMs: fc.constantFrom(0, leaseMs / 2, leaseMs + leaseMs / 4, 3 * leaseMs),
    slices: fc.integer({ min: 0, max: 4 }),
    sliceMs: fc.integer({ min: 10, max: leaseMs }),
    nested: fc.boolean(),
    fencedWrites: fc.boolean(),
    deleteOnRelease: fc.boolean(),
    idleMs: fc.integer({ min: 0, max: leaseMs }),
  });
}

function processPlan(keys: number, leaseMs: number, maxSkewMs: number | undefined, calm: boolean): fc.Arbitrary<ProcessPlan> {
  // Clock rates within ±4 %: two clocks 8 % apart still fit the 10 % margin (0.9 / 0.96 < 1 / 1.04).
  // Wall skew within the trusted bound in fast-takeover mode.
  const skew = maxSkewMs === undefined ? fc.integer({ min: -5_000, max: 5_000 }) : fc.integer({ min: -maxSkewMs / 2, max: maxSkewMs / 2 });
  return fc.record(
    {
      skewMs: calm ? fc.constant(0) : skew,
      drift: calm ? fc.constant(0) : fc.oneof(fc.constantFrom(-0.04, 0.04), fc.double({ min: -0.04, max: 0.04, noNaN: true })),
      jobs: fc.array(job(keys, leaseMs), { minLength: 1, maxLength: 4 }),
      pause: calm
        ? fc.constant(undefined)
        : fc.option(fc.record({ atMs: fc.integer({ min: 0, max: 8 * leaseMs }), forMs: fc.integer({ min: 1, max: 3 * leaseMs }) }), {
            nil: undefined,
          }),
      crashAtMs: calm ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: 8 * leaseMs }), { nil: undefined, freq: 4 }),
      abandon: fc.boolean(),
      partition: calm
        ? fc.constant(undefined)
        : fc.option(
            fc.record({ atMs: fc.integer({ min: 0, max: 6 * leaseMs }), forMs: fc.integer({ min: leaseMs / 4, max: 2 * leaseMs }) }),
            { nil: undefined, freq: 2 },
          ),
    },
    { requiredKeys: ['skewMs', 'drift', 'jobs', 'abandon'] },
  );
}

const faults: fc.Arbitrary<NetworkFaults> = fc.record({
  minDelayMs: fc.integer({ min: 0, max: 5 }),
  maxDelayMs: fc.integer({ min: 5, max: 400 }),
  dropRequest: fc.constantFrom(0, 0.02, 0.1),
  dropResponse: fc.constantFrom(0, 0.02, 0.1),
  duplicate: fc.constantFrom(0, 0.02, 0.1),
});

/**
 * Scenarios of 2–6 processes on 1–3 keys: each process with its own clock skew and rate, a
 * program of acquires (waiting or not), nested reentrant holds, semaphore permits (N of 1–3),
 * election campaigns, fenced writes and releases, and maybe a pause or a crash; one network with
 * delays, drops, lost responses and duplicates. A quarter of them are calm (no faults at all),
 * where liveness and request counts are checked too.
 *
 * @example
 * ```ts
 * fc.sample(scenarios(), 1)[0].processes.length; // 2..6
 * ```
 */
export function scenarios(): fc.Arbitrary<Scenario> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      keys: fc.integer({ min: 1, max: 3 }),
      permits: fc.integer({ min: 1, max: 3 }),
      leaseMs: fc.constantFrom(...LEASES),
      trust: fc.boolean(),
      calm: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      count: fc.integer({ min: 2, max: 6 }),
    })
    .chain(({ seed, keys, permits, leaseMs, trust, calm, count }) => {
      const maxSkewMs = trust ? leaseMs / 4 : undefined;
      return fc.record({
        seed: fc.constant(seed),
        keys: fc.constant(keys),
        permits: fc.constant(permits),
        leaseMs: fc.constant(leaseMs),
        ...(maxSkewMs !== undefined && { maxSkewMs: fc.constant(maxSkewMs) }),
        faults: calm ? fc.constant({ minDelayMs: 1, maxDelayMs: 5, dropRequest: 0, dropResponse: 0, duplicate: 0 }) : faults,
        processes: fc.array(processPlan(keys, leaseMs, maxSkewMs, calm), { minLength: count, maxLength: count }),
      }) as fc.Arbitrary<Scenario>;
    });
}
