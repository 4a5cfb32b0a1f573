import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResults } from './results.js';
import type { BenchContext } from './scenarios/context.js';
import { runLatency } from './scenarios/latency.js';
import { runShortTakeover } from './scenarios/short-takeover.js';
import { runTakeover } from './scenarios/takeover.js';

/** Thrown (and caught by run.ts) to end a `--only` run after its report is written. */
export const DONE = Symbol('done');

/** Scenarios that need no other scenario's figures, by the name `--only` takes. */
const ALONE = {
  // Scenario 2 alone: the client-CPU figure, re-measured after a change to the client.
  latency: async (ctx: BenchContext) => ({ latency: await runLatency(ctx) }),
  takeover: async (ctx: BenchContext) => ({ takeover: await runTakeover(ctx) }),
  'short-takeover': async (ctx: BenchContext) => ({ shortTakeover: await runShortTakeover(ctx) }),
} as const satisfies Record<string, (ctx: BenchContext) => Promise<Partial<BenchResults>>>;

/**
 * `--only a,b`: runs those scenarios and puts their figures into the last results of the same
 * mode (results/latest.json, or results/quick/latest.json), noting when each was re-run, so the
 * report and the README keep every other scenario's figures from their own run.
 *
 * @example
 * ```ts
 * writeReport(await rerun(['short-takeover'], ctx, timed, durationS));
 * ```
 */
export async function rerun(
  names: readonly string[],
  ctx: BenchContext,
  timed: <T>(name: string, scenario: () => Promise<T>) => Promise<T>,
  durationS: Record<string, number>,
): Promise<BenchResults> {
  const file = fileURLToPath(new URL(ctx.config.quick ? '../results/quick/latest.json' : '../results/latest.json', import.meta.url));
  let results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  for (const name of names) {
    const run: ((ctx: BenchContext) => Promise<Partial<BenchResults>>) | undefined = ALONE[name as keyof typeof ALONE];
    if (!run) throw new Error(`--only ${name}: not a scenario that runs alone (${Object.keys(ALONE).join(', ')})`);
    const figures = await timed<Partial<BenchResults>>(name, () => run(ctx));
    results = {
      ...results,
      ...figures,
      rerun: { ...results.rerun, [name]: new Date().toISOString() },
      durationS: { ...results.durationS, [name]: durationS[name]! },
    };
  }
  return results;
}
