import type { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
// The shipped defaults (the checker's client uses them), read from the source, not a mutant's copy.
import { DEFAULTS } from '../../../runtime/src/defaults.ts';
import { type Applied, SimNetworkClient } from './network.ts';
import { TABLE, TTL_RETENTION_MS } from './properties.ts';
import type { Runtime } from './runtime-bundle.ts';
import { ELECTION_CALLS, PERMIT_CALLS, type Scenario } from './scenario.ts';
import { SimProcess, WALL_T0, type World } from './world.ts';

// L1 and L4, and L3 after the run: once every program has ended, whatever the run left behind
// (a crashed holder's item, an abandoned one, a release whose answer was lost) is taken over by a
// fresh client on a calm network, one key after another, each by one of the two callers users
// have: one that waits (L1), or one that tries once every third of a lease like a cron job and
// never waits (L4). The bounds are timed on the server's apply times and the checker's exact
// clock (no skew, no drift).

/** The checker's network answers in 1–2 ms each way: its watch starts at most this long after the server read the item. */
const ANSWER_MS = 2;
/** An attempt's round trips on that network (a read and a write) and a timer's whole ms. */
const SLACK_MS = 10;

/** The item a key had when the checker began, as far as the bounds need it. */
interface Left {
  /** Held in some process's name (not released, not deleted). */
  readonly held: boolean;
  readonly owner?: string;
  readonly leaseMs: number;
  readonly expiresAt?: number;
  /** When the request that wrote the item's current version was built (its clocks read). */
  readonly writtenSentAt?: number;
}

/**
 * L1 (a waiting caller takes a dead holder's lock within lease + poll of its first sighting, or
 * one poll after `expiresAt + maxSkewMs` in fast mode), L4 (a caller trying every third of a
 * lease, never waiting, takes it on its first call once its calls have watched one version for a
 * lease, or once `expiresAt + maxSkewMs` has passed in fast mode), neither earlier than a lease
 * after the holder's last write was built (less the part of a holder's wall clock behind the fast
 * mode's bound), and L3 (every key, permit and election item comes free). Keys alternate between
 * the two callers by the scenario's seed. A key that a late request of the run writes after the
 * checker began (a crashed process's request still on the wire) is held to L3 only.
 *
 * @example
 * ```ts
 * await checkTakeovers(runtimes, scenario, world, ddb, applied, procs, violations);
 * ```
 */
export async function checkTakeovers(
  runtimes: readonly Runtime[],
  scenario: Scenario,
  world: World,
  ddb: MemoryDynamoClient,
  applied: readonly Applied[],
  procs: readonly SimProcess[],
  violations: string[],
): Promise<void> {
  const slot = runtimes.length - 1;
  const checker = new SimProcess(world, slot, 'checker', { skewMs: 0, drift: 0, seed: scenario.seed });
  globalThis.__ddbLockSim[slot] = checker;
  const mine: Applied[] = [];
  const calm = { minDelayMs: 1, maxDelayMs: ANSWER_MS, dropRequest: 0, dropResponse: 0, duplicate: 0 };
  const client = new runtimes[slot]!.LockClient({
    tableName: TABLE,
    ownerName: 'checker',
    client: new SimNetworkClient(world, checker, ddb, calm, mine) as never,
    leaseMs: scenario.leaseMs,
    ttlRetentionMs: TTL_RETENTION_MS,
    clock: { monotonicNow: () => checker.monotonicNow(), wallNow: () => checker.wallNow() },
    ...(scenario.maxSkewMs !== undefined && { trustWallClock: { maxSkewMs: scenario.maxSkewMs } }),
  });
  const pollMs = DEFAULTS.pollMs(scenario.leaseMs);
  const periodMs = Math.round(scenario.leaseMs / 3);
  for (const [index, key] of lockKeys(scenario).entries()) {
    const start = world.now;
    const before = applied.length;
    const left = leftBehind(ddb, applied, key, scenario.leaseMs);
    const waiting = (scenario.seed + index) % 2 === 0;
    let outcome: string | undefined;
    const calls: { readonly at: number; readonly outcome: string }[] = [];
    const take = async (): Promise<string> => {
      if (waiting) {
        const lock = await client.acquire(key, { waitMs: 3 * left.leaseMs + pollMs });
        await lock.release();
        return 'ok';
      }
      // A cron job: one tryAcquire a period, never waiting; give up after eight and a third leases' worth.
      for (let n = 0; n < 8 + 3 * 8; n++) {
        const at = world.now;
        const result = await client.tryAcquire(key).then(
          async (lock) => {
            if (!lock) return 'busy';
            await lock.release();
            return 'ok';
          },
          (error: unknown) => (error as Error).name,
        );
        calls.push({ at, outcome: result });
        if (result === 'ok') return 'ok';
        await checker.sleep(periodMs);
      }
      return 'never taken';
    };
    void take().then(
      (result) => (outcome = result),
      (error: unknown) => (outcome = (error as Error).name),
    );
    await world.run(world.now + 20 * left.leaseMs, () => outcome !== undefined);
    const caller = waiting ? 'a waiting client' : `a client trying every ${periodMs} ms`;
    if (outcome !== 'ok') {
      // Nobody can take it: leaked (L3), or taken by neither caller's rule (L1, L4).
      violations.push(
        `${waiting ? 'L1' : 'L4'}: ${caller} could not take ${key} after every program ended (${outcome ?? 'still waiting'})`,
      );
      continue;
    }
    const late = applied.slice(before).some((a) => !a.error && keyOf(a) === key && a.operation !== 'GetItem');
    if (late || !left.held) continue;
    if (left.writtenSentAt === undefined) {
      violations.push(`checker: no request of the run wrote the version ${key} was left with`);
      continue;
    }
    const seen = mine.find((a) => a.at >= start && keyOf(a) === key)!;
    const grant = mine.findLast((a) => keyOf(a) === key && !a.error && a.operation === 'UpdateItem' && isAcquire(a))!;
    // When the takeover became due: the watch covered a lease, or (fast mode) the wall clock passed expiresAt + maxSkewMs.
    let due = seen.at + ANSWER_MS + left.leaseMs;
    if (scenario.maxSkewMs !== undefined) due = Math.min(due, Math.max(start, left.expiresAt! + scenario.maxSkewMs + 1 - WALL_T0));
    const what = `${key} (held by ${left.owner}, first seen at ${seen.at.toFixed(1)}, due at ${due.toFixed(1)})`;
    if (waiting && grant.at > due + pollMs + SLACK_MS) {
      violations.push(`L1: ${caller} took ${what} at ${grant.at.toFixed(1)}, later than one poll (${pollMs} ms) after it was due`);
    }
    const refused = calls.find((c) => c.at >= due && c.outcome !== 'ok');
    if (refused) {
      violations.push(
        `L4: ${caller} was refused ${what} by its call at ${refused.at.toFixed(1)} (${refused.outcome}): its first call once due`,
      );
    }
    // Never earlier than a lease after the holder's last write was built, less what a holder's wall
    // clock behind the fast mode's bound takes off (its expiresAt is that much earlier).
    const holder = procs.find((p) => p.name === left.owner);
    const behind = scenario.maxSkewMs === undefined || !holder ? 0 : -(holder.wallOffsetAt(left.writtenSentAt) + scenario.maxSkewMs);
    const earliest = left.writtenSentAt + left.leaseMs - Math.max(0, behind) - 1;
    if (grant.sentAt < earliest) {
      violations.push(
        `L1: ${caller} took ${what} with a request built at ${grant.sentAt.toFixed(1)}, ` +
          `before a lease after the holder's last write (built at ${left.writtenSentAt.toFixed(1)})`,
      );
    }
  }
}

/** The state of `key`'s item when the checker begins, with when its current version's write was built. */
function leftBehind(ddb: MemoryDynamoClient, applied: readonly Applied[], key: string, scenarioLeaseMs: number): Left {
  const item = ddb.model.item(TABLE, { pk: { S: key } });
  const leaseMs = Number(item?.leaseMs?.N ?? scenarioLeaseMs);
  if (!item || item.released?.BOOL === true) return { held: false, leaseMs };
  const rvn = item.rvn?.S;
  const write = applied.findLast((a) => !a.error && keyOf(a) === key && values(a)[':rvn']?.S === rvn);
  return { held: true, owner: item.owner?.S, leaseMs, expiresAt: Number(item.expiresAt?.N), writtenSentAt: write?.sentAt };
}

/** Every lock item a scenario may leave: its lock keys, the permits of each semaphore and the item of each election its jobs use. */
function lockKeys(scenario: Scenario): string[] {
  const keys = Array.from({ length: scenario.keys }, (_, k) => `k${k}`);
  const jobs = scenario.processes.flatMap((p) => p.jobs);
  for (let k = 0; k < scenario.keys; k++) {
    if (jobs.some((j) => j.key === k && PERMIT_CALLS.includes(j.call))) {
      for (let i = 0; i < scenario.permits; i++) keys.push(`s${k}#${i}`);
    }
    if (jobs.some((j) => j.key === k && ELECTION_CALLS.includes(j.call))) keys.push(`election/e${k}`);
  }
  return keys;
}

const values = (a: Applied) => (a.input.ExpressionAttributeValues ?? {}) as Record<string, { S?: string; N?: string }>;
const keyOf = (a: Applied) => (a.input.TableName === TABLE ? (a.input.Key as { pk?: { S: string } } | undefined)?.pk?.S : undefined);
/** An acquire (it sets the fence from `:fenceBase`), not a heartbeat or a release. */
const isAcquire = (a: Applied) => values(a)[':fenceBase'] !== undefined;
