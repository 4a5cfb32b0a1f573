import fc from 'fast-check';
import { runScenario } from './run-scenario.ts';
import { loadRuntimes, type Runtime } from './runtime-bundle.ts';
import { type Scenario, scenarios } from './scenario.ts';

/** Runtime copies per variant: up to six scenario processes and the final checker. */
export const COPIES = 7;

/** What a pass over generated scenarios found. */
export interface Exploration {
  /** Scenarios run (up to and including the first failing one). */
  readonly scenarios: number;
  readonly grants: number;
  readonly virtualMs: number;
  readonly wallMs: number;
  /** Recreated items whose fence came out larger / smaller than the deleted one's (both as predicted). */
  readonly recreations: { increasing: number; decreasing: number };
  /** Scenarios in which beliefs overlapped only outside the fast mode's skew bound (not violations). */
  readonly outsideSkewBound: number;
  /** The first failure: its (shrunk, unless `shrink` was off) scenario, what it violated, its replay seed and path. */
  readonly failure?: { readonly scenario: Scenario; readonly violations: string[]; readonly seed: number; readonly path?: string };
}

/**
 * Runs up to `runs` scenarios drawn from `seed` on one runtime variant and stops at the first
 * one that violates a property; with `shrink`, fast-check then shrinks it to a minimal scenario.
 * The same seed (and path) replays the same scenarios exactly: every run is a pure function of
 * its scenario.
 *
 * @example
 * ```ts
 * const result = await explore(await loadRuntimes(COPIES, []), { runs: 2_000, seed: 24 });
 * ```
 */
export async function explore(
  runtimes: readonly Runtime[],
  options: { runs: number; seed: number; shrink?: boolean; path?: string },
): Promise<Exploration> {
  const started = performance.now();
  let count = 0;
  let grants = 0;
  let virtualMs = 0;
  const recreations = { increasing: 0, decreasing: 0 };
  let outsideSkewBound = 0;
  const found = new Map<Scenario, string[]>();
  const property = fc.asyncProperty(scenarios(), async (scenario) => {
    const result = await runScenario(runtimes, scenario);
    count++;
    grants += result.grants;
    virtualMs += result.virtualMs;
    recreations.increasing += result.recreations.increasing;
    recreations.decreasing += result.recreations.decreasing;
    if (result.outsideSkewBound) outsideSkewBound++;
    if (result.violations.length > 0) found.set(scenario, result.violations);
    return result.violations.length === 0;
  });
  const replay = options.path === undefined ? {} : { path: options.path };
  const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, endOnFailure: !options.shrink, ...replay });
  const wallMs = performance.now() - started;
  if (!details.failed || !details.counterexample) return { scenarios: count, grants, virtualMs, wallMs, recreations, outsideSkewBound };
  const scenario = details.counterexample[0];
  return {
    scenarios: details.numRuns,
    grants,
    virtualMs,
    wallMs,
    recreations,
    outsideSkewBound,
    failure: {
      scenario,
      violations: found.get(scenario) ?? [],
      seed: options.seed,
      ...(details.counterexamplePath && { path: details.counterexamplePath }),
    },
  };
}

/**
 * The timeline of one scenario, replayed with logging on: what each process sent, what the
 * server applied, who held what and when (runs are deterministic, so this is the failing run).
 *
 * @example
 * ```ts
 * console.log(await timelineOf(runtimes, failure.scenario));
 * ```
 */
export async function timelineOf(runtimes: readonly Runtime[], scenario: Scenario): Promise<string> {
  const { violations, timeline } = await runScenario(runtimes, scenario, true);
  return [...violations.map((v) => `VIOLATION ${v}`), ...timeline].join('\n');
}

/** The runtime copies of one variant: the shipped source, or a mutant's edits. */
export function variant(name: string, edits: Parameters<typeof loadRuntimes>[1] = []): Promise<Runtime[]> {
  return loadRuntimes(COPIES, edits, name);
}
