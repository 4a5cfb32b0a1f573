import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type CountingProxy, startCountingProxy } from '@ddb-lock/local-dynamo';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { testServer } from '../../support/test-server.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// Five candidates and an observer, each a real process, behind a counting proxy on the local
// server (the proxy cannot stand in front of DynamoDB's TLS endpoint: local servers only). The
// leader is SIGKILLed five times and SIGSTOPped three times; no fake clocks. All processes stamp
// their events with one machine-wide clock (performance.timeOrigin + now()), so validity windows
// of different processes can be compared.
const onLocalServer = onRealDynamoDb ? test.skip : test;

const LEASE = 2_000;
const POLL = LEASE / 10;
/**
 * L1 from the kill: the waiter's first sighting of the last record version (≤ one poll after it
 * was written, before the kill) + one lease + one poll; plus room for the round trips of that
 * sighting and of the takeover write. moto serves one request at a time (tools/local-dynamo), so
 * with six processes polling a request there can wait behind several others.
 */
const BOUND_MS = LEASE + 2 * POLL + (testServer === 'moto' ? 1_500 : 600);
const fixture = fileURLToPath(new URL('../fixtures/election-candidate.ts', import.meta.url));

type Event = { event: string; at: number; tag: string; fence?: number; until?: number; missedTerms?: number; owner?: string };

const table = useTestTable();
let proxy: CountingProxy;
beforeAll(async () => {
  if (!onRealDynamoDb) proxy = await startCountingProxy(process.env.DDB_LOCK_TEST_ENDPOINT!);
});
afterAll(async () => {
  await proxy?.stop();
});

const events: Event[] = [];
const processes = new Map<string, ChildProcess>();
function start(tag: string, role: 'candidate' | 'observer'): void {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, proxy.endpoint, table.tableName, 'sched', String(LEASE), tag, role], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  createInterface({ input: child.stdout! }).on('line', (line) => events.push({ ...JSON.parse(line), tag }));
  processes.set(tag, child);
}
const now = () => performance.timeOrigin + performance.now();
async function until<T>(find: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for an event');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const elections = () => events.filter((e) => e.event === 'elected');
const latestElection = () => elections().at(-1);

onLocalServer(
  `${testServer}: five candidates, leader SIGKILLed 5× and SIGSTOPped 3×: one valid leader at a time, terms increase, replaced within L1`,
  async () => {
    const candidates = ['c1', 'c2', 'c3', 'c4', 'c5'];
    try {
      start('watcher', 'observer');
      for (const tag of candidates) start(tag, 'candidate');
      await until(() => (events.filter((e) => e.event === 'ready').length === 6 ? true : undefined));
      const replacements: Array<{ fault: string; ms: number }> = [];
      const readsPerSecond: number[] = [];
      let spawned = candidates.length;
      for (const fault of ['kill', 'stop', 'kill', 'stop', 'kill', 'stop', 'kill', 'kill'] as const) {
        const leader = await until(latestElection);
        // A stable window: count what the waiting candidates spend.
        proxy.reset();
        const windowStart = now();
        await new Promise((r) => setTimeout(r, 5 * POLL));
        const windowMs = now() - windowStart;
        const waiting = [...processes.keys()].filter((t) => t !== leader.tag && t !== 'watcher' && processes.get(t)!.exitCode === null);
        for (const tag of waiting) {
          const counts = proxy.counts(tag);
          // Each pause between polls is at least half a poll (backoff with jitter up to pollMs).
          expect(counts.GetItem ?? 0).toBeLessThanOrEqual(windowMs / (POLL / 2) + 1);
          readsPerSecond.push((counts.GetItem ?? 0) / (windowMs / 1_000));
        }
        expect(latestElection()).toBe(leader); // nobody displaced a live leader
        const child = processes.get(leader.tag)!;
        const faultAt = now();
        child.kill(fault === 'kill' ? 'SIGKILL' : 'SIGSTOP');
        const next = await until(() => (latestElection()!.fence! > leader.fence! ? latestElection() : undefined));
        replacements.push({ fault, ms: next.at - faultAt });
        if (fault === 'kill') {
          processes.delete(leader.tag);
          start(`c${++spawned}`, 'candidate');
        } else {
          const resumedAt = events.length;
          child.kill('SIGCONT');
          // On resume it learns of its demotion before its next side effect.
          const own = () => events.slice(resumedAt).filter((e) => e.tag === leader.tag && e.fence === leader.fence);
          await until(() => own().find((e) => e.event === 'invalid-before-acting'));
          expect(own().filter((e) => e.event === 'act')).toEqual([]);
        }
      }
      await new Promise((r) => setTimeout(r, 3 * POLL)); // let the observer see the last term
      // Every process the test did not kill is still running: none gave up (a transient error in a
      // campaign must not end it).
      const exited = [...processes].filter(([, child]) => child.exitCode !== null || child.signalCode !== null).map(([tag]) => tag);
      expect(exited).toEqual([]);

      const figures = (fault: string) => replacements.filter((r) => r.fault === fault).map((r) => Math.round(r.ms));
      const sortedRates = readsPerSecond.sort((a, b) => a - b);
      console.log(
        `${testServer}: replacement ms after SIGKILL ${JSON.stringify(figures('kill'))}, after SIGSTOP ${JSON.stringify(figures('stop'))}` +
          ` (lease ${LEASE}, poll ${POLL}); a waiting candidate's reads per second` +
          ` median ${sortedRates[sortedRates.length >> 1]?.toFixed(1)}` +
          ` max ${sortedRates.at(-1)?.toFixed(1)} (polls pause ${POLL / 2}–${POLL} ms: ${1_000 / POLL}–${2_000 / POLL} polls a second)`,
      );
      // Terms strictly increase, in the order they were elected.
      const fences = elections().map((e) => e.fence!);
      expect(fences).toEqual([...fences].sort((a, b) => a - b));
      expect(new Set(fences).size).toBe(fences.length);
      // At no instant two leaders that believe themselves valid: every side effect of a term, and
      // the validity it believed in, ended before any later term was elected.
      for (const term of elections()) {
        const acts = events.filter((e) => e.event === 'act' && e.fence === term.fence);
        const believedUntil = Math.max(term.at, ...acts.map((a) => a.until!));
        for (const later of elections().filter((e) => e.fence! > term.fence!)) expect(believedUntil).toBeLessThan(later.at);
      }
      for (const { ms } of replacements) expect(ms).toBeLessThanOrEqual(BOUND_MS);
      // The observer saw every term, in order, none missed.
      const observed = events.filter((e) => e.event === 'observed' && e.fence !== undefined);
      expect(observed.map((e) => e.fence)).toEqual(fences.filter((f) => f >= observed[0]!.fence!));
      expect(observed.slice(1).every((e) => e.missedTerms === 0)).toBe(true);
      expect(observed[0]!.fence).toBe(fences[0]);
    } finally {
      for (const child of processes.values()) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }
    }
  },
  180_000,
);
