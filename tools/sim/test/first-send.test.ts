import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { MUTANTS } from '../src/mutants.ts';
import { type Applied, SimNetworkClient } from '../src/network.ts';
import { TABLE } from '../src/properties.ts';
import { loadRuntimes, type Runtime } from '../src/runtime-bundle.ts';
import { SimProcess, World } from '../src/world.ts';

// Issue 24's reading of the one unexplained chaos loss: validity counts from the FIRST send of an
// acquire's attempt chain. The first UpdateItem lands, its answer is lost; the retry (the same
// request, sent again) fails its condition against our own item, or a read after the deadline
// finds it; either way the grant is recognised as ours, and its validity must run from the first
// send — the server's lease began no earlier than that. Every heartbeat then fails, and the lock
// must be declared lost when that validity ends, on the process's own (drifting) monotonic clock.

const LEASE_MS = 2_000;
const MARGIN_MS = 200; // the default: 10 % of the lease
const TIMEOUT_MS = 500; // short enough that an answer lost without a reset leaves validity to use

interface Chain {
  readonly firstSend: number;
  /** The chain's second request: the retry (reset) or the read after the deadline (silence). */
  readonly secondSend: number;
  readonly validUntil: number;
  readonly lostAt: number;
  readonly reason: string;
  readonly acquires: readonly string[];
  /** Heartbeat requests sent (all lost). */
  readonly beats: number;
}

/** One acquire whose first answer is lost (`reset`: as a connection reset; else never), then heartbeats that all fail. */
async function lostFirstAnswer(runtime: Runtime, reset: boolean): Promise<Chain> {
  const world = new World(11);
  const proc = new SimProcess(world, 0, 'p0', { skewMs: 0, drift: 0.03, seed: 11 });
  globalThis.__ddbLockSim = [proc];
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable(TABLE, { partitionKeyName: 'pk' });
  const applied: Applied[] = [];
  const fixed = { minDelayMs: 10, maxDelayMs: 10, dropRequest: 0, dropResponse: 0, duplicate: 0 };
  const network = new SimNetworkClient(world, proc, ddb, fixed, applied);
  const sends: number[] = [];
  let beats = 0;
  network.script = (operation, input) => {
    const values = input.ExpressionAttributeValues as Record<string, unknown> | undefined;
    const acquire = operation === 'UpdateItem' && values?.[':fenceBase'] !== undefined;
    if (acquire || operation === 'GetItem') sends.push(proc.monotonicNow());
    if (acquire && sends.length === 1) return { fault: 'drop response', reset };
    // Every heartbeat is lost on its way (a partition from the grant on).
    if (operation === 'UpdateItem' && values?.[':beat'] !== undefined) {
      beats++;
      return { fault: 'drop request', reset: true };
    }
    return undefined;
  };
  const client = new runtime.LockClient({
    tableName: TABLE,
    ownerName: 'p0',
    client: network as never,
    leaseMs: LEASE_MS,
    requestTimeoutMs: TIMEOUT_MS,
    clock: { monotonicNow: () => proc.monotonicNow(), wallNow: () => proc.wallNow() },
  });
  let validUntil: number | undefined;
  let lost: { at: number; reason: string } | undefined;
  void client
    .acquire('k0', { waitMs: 0, onLost: (e: { reason: string }) => (lost = { at: proc.monotonicNow(), reason: e.reason }) })
    .then((lock) => (validUntil = proc.monotonicNow() + lock.remainingMs));
  await world.run(30_000, () => lost !== undefined);
  assert.ok(validUntil !== undefined && lost, 'granted, then lost');
  const acquires = applied.filter(
    (a) => a.input.ExpressionAttributeValues && ':fenceBase' in (a.input.ExpressionAttributeValues as object),
  );
  return {
    firstSend: sends[0]!,
    secondSend: sends[1]!,
    validUntil,
    lostAt: lost.at,
    reason: lost.reason,
    acquires: acquires.map((a) => a.error ?? 'applied'),
    beats,
  };
}

const shipped = (await loadRuntimes(1, [], 'first-send'))[0]!;

test('a lost acquire answer, then a retry refused by our own item: validity from the first send, lost when it ends', async () => {
  const chain = await lostFirstAnswer(shipped, true);
  // The retry went out after the reset and a backoff, and was refused by our own write.
  assert.deepEqual(chain.acquires, ['applied', 'ConditionalCheckFailedException']);
  assert.ok(chain.secondSend - chain.firstSend > 40, `retry ${chain.secondSend - chain.firstSend} ms after the first send`);
  assert.ok(Math.abs(chain.validUntil - (chain.firstSend + LEASE_MS - MARGIN_MS)) < 1e-6, JSON.stringify(chain));
  // Declared lost when that validity ends (the expiry timer re-arms within 1 ms), long before a
  // validity counted from the retry would have ended.
  assert.equal(chain.reason, 'expired');
  assert.ok(chain.beats >= 3, `${chain.beats} heartbeats tried`);
  assert.ok(chain.lostAt >= chain.validUntil && chain.lostAt <= chain.validUntil + 1.5, JSON.stringify(chain));
  assert.ok(chain.lostAt < chain.secondSend + LEASE_MS - MARGIN_MS - 30);
});

test('a lost acquire answer with no reset: the deadline, a read that finds our item, validity still from the first send', async () => {
  const chain = await lostFirstAnswer(shipped, false);
  assert.deepEqual(chain.acquires, ['applied']);
  // The read went out once the request's deadline had passed.
  assert.ok(chain.secondSend - chain.firstSend >= TIMEOUT_MS, JSON.stringify(chain));
  assert.ok(Math.abs(chain.validUntil - (chain.firstSend + LEASE_MS - MARGIN_MS)) < 1e-6, JSON.stringify(chain));
  assert.equal(chain.reason, 'expired');
  assert.ok(chain.lostAt >= chain.validUntil && chain.lostAt <= chain.validUntil + 1.5, JSON.stringify(chain));
});

test('the same check fails validity counted from the response (the validity-from-response mutant)', async () => {
  const mutant = MUTANTS.find((m) => m.id === 'validity-from-response')!;
  const runtime = (await loadRuntimes(1, mutant.edits, 'first-send-mutant'))[0]!;
  const chain = await lostFirstAnswer(runtime, true);
  assert.ok(chain.validUntil - (chain.firstSend + LEASE_MS - MARGIN_MS) > 40, JSON.stringify(chain));
});
