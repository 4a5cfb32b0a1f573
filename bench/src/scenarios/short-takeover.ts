import { fileURLToPath } from 'node:url';
import type { Contender, Held } from '../contenders/contender.js';
import { totalOf } from '../stats/request-counts.js';
import { type Summary, summarize } from '../stats/summary.js';
import { exited, spawnTs } from '../util/children.js';
import { sleep } from '../util/sleep.js';
import { type BenchContext, freshKey } from './context.js';
import { watchLastWrite } from './last-write.js';
import { takeoverMode, takeoverSettings } from './takeover-modes.js';

/**
 * Callers that never wait a lease (issue 9): a holder is SIGKILLed and callers arrive every
 * lease / 5, each making ONE attempt (`tryAcquire`; a peer's single attempt may itself sleep
 * inside), independently of each other — cron runs or Lambda invocations. `polling`: they
 * arrive from the kill on; `dead`: the first arrives `deadForMs` after the kill. Every row runs
 * at once in each round (own key, own holder, own request tag).
 */
export type ShortSituation = 'polling' | 'dead';

/** A library mode and whether each call gets a new client (a new execution environment) or one client is reused. */
export interface ShortRow {
  readonly mode: string;
  readonly freshClient: boolean;
}

export interface ShortTakeoverResult {
  readonly row: string;
  readonly label: string;
  readonly options: string;
  readonly situation: ShortSituation;
  readonly leaseMs: number;
  readonly intervalMs: number;
  /** `dead`: ms between the kill and the first caller. */
  readonly deadForMs: number;
  /** Callers give up this long after the first arrival: past it, "never". */
  readonly capMs: number;
  readonly rounds: number;
  /** Rounds in which nobody recovered the lock within the cap. */
  readonly never: number;
  /** SIGKILL → the first attempt that returned the lock (recovered rounds only). */
  readonly fromKillMs: Summary;
  /** The holder's last write (±20 ms) → that attempt returned. */
  readonly fromLastWriteMs: Summary;
  /** First caller's arrival → recovery. */
  readonly fromFirstCallMs: Summary;
  /** Requests the callers sent from the first arrival until recovery (or the cap). */
  readonly requests: Summary;
  /** Attempts started until recovery (or the cap). */
  readonly attempts: Summary;
}

const HOLDER = fileURLToPath(new URL('./takeover-holder.ts', import.meta.url));
export const rowId = (r: ShortRow) => `${r.mode}${r.freshClient ? '+fresh' : ''}`;

/**
 * Scenario 5b: both situations, every configured row at once per round.
 *
 * @example
 * ```ts
 * const rows = await runShortTakeover(ctx); // one result per row and situation
 * ```
 */
export async function runShortTakeover(ctx: BenchContext): Promise<ShortTakeoverResult[]> {
  const { shortTakeover: c } = ctx.config;
  const out: ShortTakeoverResult[] = [];
  for (const situation of ['polling', 'dead'] as const) {
    const runs = new Map<string, Run[]>();
    for (let round = 0; round < c.rounds; round++) {
      ctx.log(`short-caller takeover (${situation}), round ${round + 1}/${c.rounds}: ${c.rows.length} rows at once`);
      const results = await oneRound(ctx, situation);
      for (const [id, run] of results) runs.set(id, [...(runs.get(id) ?? []), run]);
    }
    for (const row of c.rows) {
      const mode = takeoverMode(row.mode);
      const rs = runs.get(rowId(row)) ?? [];
      const ok = rs.filter((r) => r.recoveredAt !== undefined);
      out.push({
        row: rowId(row),
        label: `${mode.label}${row.freshClient ? ', new client per call' : ', one client'}`,
        options: mode.kind.describe(takeoverSettings(mode, c.leaseMs)),
        situation,
        leaseMs: c.leaseMs,
        intervalMs: c.leaseMs / 5,
        deadForMs: situation === 'dead' ? c.deadForMs : 0,
        capMs: c.capLeases * c.leaseMs,
        rounds: rs.length,
        never: rs.length - ok.length,
        fromKillMs: summarize(ok.map((r) => r.recoveredAt! - r.killedAt)),
        fromLastWriteMs: summarize(ok.map((r) => r.recoveredAt! - r.lastWriteAt)),
        fromFirstCallMs: summarize(ok.map((r) => r.recoveredAt! - r.firstCallAt)),
        requests: summarize(rs.map((r) => r.requests)),
        attempts: summarize(rs.map((r) => r.attempts)),
      });
    }
  }
  return out;
}

interface Run {
  killedAt: number;
  lastWriteAt: number;
  firstCallAt: number;
  recoveredAt?: number;
  requests: number;
  attempts: number;
}

/** Every row at once: start holders, kill them together, then let each row's callers arrive. */
async function oneRound(ctx: BenchContext, situation: ShortSituation): Promise<Map<string, Run>> {
  const { shortTakeover: c } = ctx.config;
  const rows = c.rows.map((row, i) => ({ row, i, mode: takeoverMode(row.mode), key: freshKey(`short-${rowId(row)}`) }));
  const holders = rows.map((r) => spawnTs(HOLDER, [r.row.mode, String(c.leaseMs), ctx.env.endpoint, r.key]));
  try {
    await Promise.all(
      holders.map(
        (h) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('holder did not take the lock within 30 s')), 30_000);
            h.once('message', () => {
              clearTimeout(timer);
              resolve();
            });
            h.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
          }),
      ),
    );
    const watches = rows.map((r) => watchLastWrite(ctx.env.endpoint, r.mode.kind, r.key));
    // Two heartbeat periods of watching, then a kill at a random phase of the heartbeat.
    await sleep(c.leaseMs / 2 + Math.random() * (c.leaseMs / 4));
    for (const h of holders) h.kill('SIGKILL');
    const killedAt = performance.now();
    await Promise.all(holders.map(exited));
    await sleep(100); // a heartbeat already sent may still land
    const lastWrites = await Promise.all(watches.map((w) => w.stop()));
    if (situation === 'dead') await sleep(Math.max(0, killedAt + c.deadForMs - performance.now()));
    const runs = await Promise.all(rows.map((r) => callUntilRecovered(ctx, r.row, r.key, `short-${r.i}`)));
    return new Map(rows.map((r, i) => [rowId(r.row), { killedAt, lastWriteAt: lastWrites[i]!, ...runs[i]! }]));
  } finally {
    for (const h of holders) h.kill('SIGKILL');
  }
}

/** A caller every lease / 5, one attempt each, until one returns the lock or the cap passes. */
async function callUntilRecovered(ctx: BenchContext, row: ShortRow, key: string, tag: string) {
  const { shortTakeover: c } = ctx.config;
  const mode = takeoverMode(row.mode);
  const settings = takeoverSettings(mode, c.leaseMs);
  const shared = row.freshClient ? undefined : mode.kind.create(ctx.env.endpoint, settings, tag);
  const clients: Contender[] = shared ? [shared] : [];
  const before = totalOf(await ctx.env.counts(tag));
  const firstCallAt = performance.now();
  const inFlight: Promise<void>[] = [];
  const extra: Held[] = [];
  let recovered: { at: number; held: Held } | undefined;
  let attempts = 0;
  let requests = Number.NaN;
  const settle = new Promise<void>((resolve) => {
    const attempt = () => {
      const client = shared ?? mode.kind.create(ctx.env.endpoint, settings, tag);
      if (!shared) clients.push(client);
      attempts++;
      inFlight.push(
        client.tryAcquire(key).then(
          async (held) => {
            if (!held) return;
            if (recovered) return void extra.push(held); // a second grant would be a peer's bug: release it too
            recovered = { at: performance.now(), held };
            requests = totalOf(await ctx.env.counts(tag)) - before;
            resolve();
          },
          () => undefined,
        ),
      );
    };
    attempt();
    const timer = setInterval(() => {
      if (recovered || performance.now() - firstCallAt >= c.capLeases * c.leaseMs) {
        clearInterval(timer);
        resolve();
      } else attempt();
    }, c.leaseMs / 5);
  });
  await settle;
  if (!recovered) requests = totalOf(await ctx.env.counts(tag)) - before;
  await Promise.all(inFlight); // peers' single attempts may sleep a lease before they give up
  for (const held of [recovered?.held, ...extra]) await held?.release().catch(() => undefined);
  await Promise.all(clients.map((cl) => cl.close().catch(() => undefined)));
  return { firstCallAt, ...(recovered && { recoveredAt: recovered.at }), requests, attempts };
}
