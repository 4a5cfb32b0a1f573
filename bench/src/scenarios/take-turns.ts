import type { Contender } from '../contenders/contender.js';
import { freshKey } from './context.js';
import { rotated } from './rotation.js';

/** One participant of {@link takeTurns}: an id and one acquire+release of a fresh key. */
export interface Turn {
  readonly id: string;
  pair(key: string): Promise<unknown>;
}

/** What {@link takeTurns} measured for one participant, one entry per measured pair. */
export interface TurnSamples {
  readonly wallMs: number[];
  /** CPU time of this process (user + system) during the pair, µs. */
  readonly cpuUs: number[];
}

/**
 * Runs `warmup + count` rounds in which every participant does one pair, in a rotating order, so a
 * burst of load from a neighbour on the shared machine lands on all of them alike; the warm-up
 * rounds are not recorded. Used by the latency scenario and the CPU ledger.
 *
 * @example
 * ```ts
 * const samples = await takeTurns([{ id: 'floor', pair: uncontendedPair(floorClient) }], 1_000, 10, 'lat');
 * console.log(median(samples.floor!.cpuUs));
 * ```
 */
export async function takeTurns(
  turns: readonly Turn[],
  count: number,
  warmup: number,
  keyPrefix: string,
): Promise<Record<string, TurnSamples>> {
  const samples: Record<string, TurnSamples> = Object.fromEntries(turns.map(({ id }) => [id, { wallMs: [], cpuUs: [] }]));
  for (let i = 0; i < warmup + count; i++) {
    for (const { id, pair } of rotated(turns, i)) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await pair(freshKey(`${keyPrefix}-${id}`));
      if (i < warmup) continue;
      samples[id]!.wallMs.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      samples[id]!.cpuUs.push(used.user + used.system);
    }
  }
  return samples;
}

/**
 * A contender's uncontended pair: acquire (waiting up to 5 s, which a fresh key never needs) and
 * release.
 *
 * @example
 * ```ts
 * const pair = uncontendedPair(floor.create(endpoint, SHORT_HOLD));
 * await pair('job-1');
 * ```
 */
export function uncontendedPair(contender: Contender): (key: string) => Promise<unknown> {
  return async (key) => (await contender.acquire(key, 5_000)).release();
}
