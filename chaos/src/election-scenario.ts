import { mixedScenario } from './mixed.js';
import type { Scenario } from './scenario.js';

/**
 * The election scenario (guarantees scenario 30): every worker is a candidate of a few elections
 * and wins a term with `Election.campaign` (waiting as long as it takes), does the critical
 * section as a leader (an unfenced read-modify-write and a fenced write, carelessly: the table
 * must refuse a deposed leader), and resigns; the nemesis kills and pauses leaders and throws
 * throttling / 5xx storms at them, under the mixed scenario's network faults. Each grant is a
 * term, so the checker's per-key properties read as the election's: S2 overlap is "one valid
 * leader at a time", L1 takeover is "a dead or paused leader replaced within L1", the fence
 * checks are "terms strictly increase".
 *
 * @example
 * ```ts
 * const run = await runScenario(electionScenario(7, 2_000, 8, 2, 30 * 60_000));
 * ```
 */
export function electionScenario(seed: number, grants: number, workers: number, keys: number, maxMs: number): Scenario {
  return { ...mixedScenario(seed, grants, workers, keys, maxMs), name: 'election', election: true };
}
