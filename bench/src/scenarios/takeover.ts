import { fileURLToPath } from 'node:url';
import { type Summary, summarize } from '../stats/summary.js';
import { exited, spawnTs } from '../util/children.js';
import { sleep } from '../util/sleep.js';
import { type BenchContext, freshKey } from './context.js';
import { takeoverMode, takeoverSettings } from './takeover-modes.js';

/** Scenario 5: a holder process is SIGKILLed; how long until a waiting process holds the lock. */
export interface TakeoverResult {
  readonly mode: string;
  readonly label: string;
  readonly options: string;
  readonly leaseMs: number;
  /** SIGKILL → the waiter's acquire resolved. */
  readonly takeoverMs: Summary;
  /** Same, in leases. */
  readonly inLeases: Summary;
}

const HOLDER = fileURLToPath(new URL('./takeover-holder.ts', import.meta.url));

export async function runTakeover(ctx: BenchContext): Promise<TakeoverResult[]> {
  const leaseMs = ctx.config.takeoverLeaseMs;
  const results: TakeoverResult[] = [];
  for (const id of ctx.config.takeoverContenders) {
    const mode = takeoverMode(id);
    const settings = takeoverSettings(mode, leaseMs);
    const runs: number[] = [];
    for (let round = 0; round < ctx.config.takeoverRounds; round++) {
      ctx.log(`takeover: ${mode.label}, round ${round + 1}/${ctx.config.takeoverRounds}`);
      runs.push(await oneKill(ctx, id, leaseMs, settings));
    }
    const taken = summarize(runs);
    results.push({
      mode: id,
      label: mode.label,
      options: mode.kind.describe(settings),
      leaseMs,
      takeoverMs: taken,
      inLeases: summarize(runs.map((ms) => ms / leaseMs)),
    });
  }
  return results;
}

async function oneKill(ctx: BenchContext, modeId: string, leaseMs: number, settings: ReturnType<typeof takeoverSettings>): Promise<number> {
  const mode = takeoverMode(modeId);
  const key = freshKey(`takeover-${modeId}`);
  const holder = spawnTs(HOLDER, [modeId, String(leaseMs), ctx.env.endpoint, key]);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('holder did not take the lock within 30 s')), 30_000);
      holder.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      holder.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    const waiter = mode.kind.create(ctx.env.endpoint, settings, 'waiter');
    let killedAt = Number.NaN;
    const acquired = waiter.acquire(key, 6 * leaseMs).then(
      (held) => ({ at: performance.now(), held }),
      () => undefined,
    );
    // Let the waiter watch for a while, and kill at a random phase of the holder's heartbeat period.
    await sleep(leaseMs / 2 + Math.random() * settings.heartbeatMs);
    holder.kill('SIGKILL');
    killedAt = performance.now();
    await exited(holder);
    const outcome = await acquired;
    await outcome?.held.release();
    await waiter.close();
    return outcome && outcome.at > killedAt ? outcome.at - killedAt : Number.NaN;
  } finally {
    holder.kill('SIGKILL');
  }
}
