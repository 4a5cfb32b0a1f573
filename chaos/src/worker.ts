/**
 * One contending process. Loops: pick a key, acquire it, run the critical section (an unfenced
 * read-modify-write that loses updates if two holders overlap, then a fenced write), release.
 * Writes its history as JSON lines on stdout. Stops when its stdin closes or at `stopAt`.
 */
import { writeSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ELECTION_KEY_PREFIX, Election } from '../../runtime/src/election/index.js';
import { type Lock, LockAbortedError, LockBusyError, LockClient, LockUnavailableError } from '../../runtime/src/index.js';
import { Semaphore } from '../../runtime/src/semaphore/index.js';
import { WORKER_HEADER } from './fault-proxy.js';
import type { WorkerEvent } from './history.js';
import { mono } from './mono.js';
import { Prng } from './prng.js';
import { resourceWrites } from './resource-writes.js';
import { shortCaller } from './short-calls.js';
import type { WorkerConfig } from './worker-config.js';

const cfg = JSON.parse(process.argv[2]!) as WorkerConfig;
const rng = new Prng(cfg.seed);
const stop = new AbortController();
process.stdin.on('end', () => stop.abort());
process.stdin.on('error', () => stop.abort());
process.stdin.resume();
/**
 * The parent's `go` (WorkerConfig.warmUp). Listened for from the start: stdin is flowing, and a
 * `go` that arrives before a listener exists is dropped (a respawned worker is told at once).
 */
const go = new Promise<void>((resolve) => {
  const onData = (chunk: Buffer) => {
    if (!chunk.toString().includes('go')) return;
    process.stdin.off('data', onData);
    resolve();
  };
  process.stdin.on('data', onData);
  stop.signal.addEventListener('abort', () => resolve(), { once: true });
});
const stopTimer = setTimeout(() => stop.abort(), Math.max(0, cfg.stopAt - mono()));
stopTimer.unref();
/** After closing, the process must exit by itself within this long (no timer, socket or handle left). */
const EXIT_GRACE_MS = 1_000;

const wallNow = () => {
  const stepped = cfg.wallStepEveryMs && Math.floor(mono() / cfg.wallStepEveryMs) % 2 === 1 ? (cfg.wallStepMs ?? 0) : 0;
  return Date.now() + cfg.skewMs + stepped;
};
const log = (e: WorkerEvent): void => void process.stdout.write(`${JSON.stringify({ ...e, t: mono(), wall: wallNow() })}\n`);

// maxAttempts 1, as the LockClient builds its own client and as the runtime's docs ask of a given
// one: the lock's deadline-aware retries are the only ones, so L2 is tested, not SDK pacing.
const ddb = new DynamoDBClient({
  endpoint: cfg.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'chaos', secretAccessKey: 'chaos' },
  maxAttempts: 1,
});
ddb.middlewareStack.add(
  (next) => async (args) => {
    (args.request as { headers: Record<string, string> }).headers[WORKER_HEADER] = String(cfg.id);
    return next(args);
  },
  { step: 'build', name: 'chaosWorkerHeader' },
);

const clientOptions = {
  tableName: cfg.lockTable,
  client: ddb,
  ownerName: `w${cfg.id}`,
  leaseMs: cfg.leaseMs,
  heartbeatMs: cfg.heartbeatMs,
  pollMs: cfg.pollMs,
  safetyMarginMs: cfg.safetyMarginMs,
  requestTimeoutMs: cfg.requestTimeoutMs,
  ...(cfg.maxWatchedLocks !== undefined && { maxWatchedLocks: cfg.maxWatchedLocks }),
  clock: { monotonicNow: mono, wallNow },
};
const client = new LockClient({ ...clientOptions, ...(cfg.maxSkewMs !== undefined && { trustWallClock: { maxSkewMs: cfg.maxSkewMs } }) });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const { readModifyWrite, fenced } = resourceWrites(ddb, cfg, log);

/**
 * The holder's own end of validity. Read from the lock (test introspection of a private field)
 * because `now + remaining` would stretch the window if a SIGSTOP landed between the two reads.
 */
function validUntil(lock: Lock, remaining: number): number {
  const exact = (lock as unknown as { validUntil?: unknown }).validUntil;
  return typeof exact === 'number' ? exact : mono() + remaining;
}

/** Keeps the lock on heartbeats alone, so faults meet a holder that needs its renewals. */
function holdWhileHeld(lock: Lock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    // Stopping ends the hold too, so the worker closes within the parent's grace.
    for (const signal of [lock.signal, stop.signal]) signal.addEventListener('abort', done, { once: true });
  });
}

function acquireOutcome(e: unknown): 'busy' | 'unavailable' | 'ambiguous' | 'aborted' | 'error' {
  if (e instanceof LockBusyError) return 'busy';
  if (e instanceof LockAbortedError) return 'aborted';
  if (e instanceof LockUnavailableError) return e.ambiguous ? 'ambiguous' : 'unavailable';
  return 'error';
}

/** L4 scenarios: this worker never waits a lease per call. */
const callMode = cfg.shortCalls && cfg.callMode;
const callUntilHeld =
  cfg.shortCalls &&
  callMode &&
  shortCaller({
    calls: cfg.shortCalls,
    mode: callMode,
    leaseMs: cfg.leaseMs,
    client,
    signal: stop.signal,
    log,
    outcome: acquireOutcome,
    freshOptions: (n) => ({ ...clientOptions, ownerName: `w${cfg.id}-f${n}`, trustWallClock: { maxSkewMs: cfg.shortCalls!.maxSkewMs } }),
  });

/**
 * Short callers of one mode share their own keys (key i goes to mode i mod modes) when there are
 * enough keys, so every mode's takeovers are measured, not only the fastest mode's.
 */
const modeIndex = callMode ? cfg.shortCalls!.modes.indexOf(callMode) : -1;
const myKeys =
  modeIndex >= 0 && cfg.keys.length >= cfg.shortCalls!.modes.length
    ? cfg.keys.filter((_, i) => i % cfg.shortCalls!.modes.length === modeIndex)
    : cfg.keys;

/** Semaphore runs: every grant is one of the semaphore's permits (whichever it gets). */
const semaphore = cfg.semaphore !== undefined ? new Semaphore(client, cfg.semaphore, { permits: cfg.permits! }) : undefined;

/** A permit, waiting as `obtain` does; the wait is for every permit, so it starts on each of them. */
async function obtainPermit(sem: Semaphore): Promise<{ lock: Lock; close: () => Promise<void> } | undefined> {
  for (const key of cfg.keys) log({ ev: 'acquire-start', key });
  try {
    return { lock: await sem.acquire({ waitMs: cfg.waitMs, signal: stop.signal }), close: async () => undefined };
  } catch (e) {
    // Per permit, as the start: a permit write that landed and was reported busy is then caught.
    for (const key of cfg.keys) log({ ev: 'acquire-end', key, outcome: acquireOutcome(e), error: (e as Error).message.slice(0, 160) });
    return undefined;
  }
}

/** The lock, waiting the worker's way; `close` ends a per-call client once its lock is released. */
async function obtain(key: string): Promise<{ lock: Lock; close: () => Promise<void> } | undefined> {
  if (semaphore) return obtainPermit(semaphore);
  if (callUntilHeld) return callUntilHeld(key);
  log({ ev: 'acquire-start', key });
  try {
    if (cfg.election) {
      // A term: the election's own campaign, waiting as long as it takes (until the worker stops).
      const election = new Election(client, key.slice(ELECTION_KEY_PREFIX.length));
      return { lock: await election.campaign({ signal: stop.signal }), close: async () => undefined };
    }
    return { lock: await client.acquire(key, { waitMs: cfg.waitMs, signal: stop.signal }), close: async () => undefined };
  } catch (e) {
    log({ ev: 'acquire-end', key, outcome: acquireOutcome(e), error: (e as Error).message.slice(0, 160) });
    return undefined;
  }
}

async function oneGrant(picked: string): Promise<boolean> {
  const got = await obtain(picked);
  if (!got) return false;
  const { lock } = got;
  const key = lock.key; // a semaphore chose the permit
  const ctx = { key, fence: lock.fence };
  log({ ev: 'grant', ...ctx, validUntil: validUntil(lock, lock.remainingMs) });
  lock.on('renewed', (remaining: number) => log({ ev: 'renew', ...ctx, validUntil: validUntil(lock, remaining) }));
  lock.on('lost', (e: { reason: string }) => log({ ev: 'lost', ...ctx, reason: e.reason }));
  await readModifyWrite(lock, key);
  await fenced(lock, key);
  const holdMs =
    cfg.holdChance !== undefined && cfg.holdRangeMs
      ? rng.chance(cfg.holdChance)
        ? rng.int(cfg.holdRangeMs[0], cfg.holdRangeMs[1])
        : 0
      : cfg.holdMs;
  if (holdMs > 0) await holdWhileHeld(lock, holdMs);
  log({ ev: 'release-start', ...ctx });
  const outcome = await lock.release().then(
    (ok) => (ok ? 'released' : 'was-lost'),
    (e: Error) => (e instanceof LockUnavailableError && e.ambiguous ? 'ambiguous' : e.name),
  );
  log({ ev: 'release-end', ...ctx, outcome });
  await got.close().catch(() => undefined);
  return true;
}

if (cfg.warmUp) {
  await ddb
    .send(new GetItemCommand({ TableName: cfg.resourceTable, Key: { pk: { S: 'warm-up' } }, ConsistentRead: true }), {
      abortSignal: AbortSignal.timeout(5_000),
    })
    .catch(() => undefined); // a fault on the warm-up changes nothing
}
log({ ev: 'start', owner: client.ownerName, skewMs: cfg.skewMs, ...(callMode && { calls: callMode }) });
if (cfg.warmUp) await go;
if (cfg.leakTimer) setInterval(() => undefined, 60_000);
let grants = 0;
while (!stop.signal.aborted) {
  if (await oneGrant(rng.pick(myKeys))) grants++;
  else await sleep(rng.int(1, 20));
  if (cfg.thinkMs > 0) await sleep(rng.int(0, cfg.thinkMs));
}
log({ ev: 'stop', grants });
clearTimeout(stopTimer);
await client.close().catch(() => undefined);
ddb.destroy();
process.stdin.destroy();
// Timers left running: every lock is released and the client closed, so no timer of ours or of
// the lock client may still be pending (ref'd timers are what keep a process or a Lambda alive).
const resources = process.getActiveResourcesInfo();
log({ ev: 'closed', timers: resources.filter((r) => r === 'Timeout').length, resources });
// …and the process must exit on its own, without process.exit. If it does not within the grace,
// this unref'd timer (which itself keeps nothing alive) says what was left, then exits.
let natural = true;
let left: string[] = [];
process.once('exit', () => {
  writeSync(1, `${JSON.stringify({ ev: 'exit', natural, ...(!natural && { resources: left }), t: mono(), wall: wallNow() })}\n`);
});
setTimeout(() => {
  natural = false;
  left = process.getActiveResourcesInfo();
  process.exit(0);
}, EXIT_GRACE_MS).unref();
