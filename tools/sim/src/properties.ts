import type { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { semaphoreOf } from './monitors.ts';
import type { Applied } from './network.ts';
import type { Scenario } from './scenario.ts';
import type { SkewExcuse } from './skew-bound.ts';
import { WALL_T0, type World } from './world.ts';

// The properties a run is checked against, on what the server applied and what the processes
// saw (see runScenario for the list). Each pushes what it found violated onto `violations`.

export const TABLE = 'locks';
export const RESOURCES = 'resources';
export const TTL_RETENTION_MS = 60_000;

/** A span of true time over which a process checked its lock valid at both ends. */
export interface Window {
  readonly key: string;
  readonly owner: string;
  readonly fence: number;
  readonly start: number;
  readonly end: number;
}

/** Recreations of a deleted item: how often the new fence came out larger, and smaller (both as the condition predicted). */
export interface FenceRecreations {
  increasing: number;
  decreasing: number;
}

/**
 * S1: grants applied per key carry strictly increasing fences, and accepted fenced writes never go
 * back. Across a deletion the fence restarts from the creator's wall clock, so there the check is
 * docs/design.md's exact condition, from true time and the two processes' clock offsets (not from
 * the fences): the new fence is larger iff (e − d) × 1000 + 1 > n (skipped within 2 ms of the
 * boundary, where whole-ms wall clocks decide).
 */
export function checkFences(
  applied: readonly Applied[],
  offsetOf: (from: string, at: number) => number,
  violations: string[],
  seen: FenceRecreations,
): void {
  const items = new Map<string, { last: number; createdAt: number; creator: string; grants: number; deleted: boolean }>();
  const resource = new Map<string, number>();
  for (const a of applied) {
    // Reads of many items (the semaphore's BatchGetItem) name no one key, and write nothing.
    if (a.error || a.input.Key === undefined) continue;
    const table = a.input.TableName;
    const key = (a.input.Key as { pk: { S: string } }).pk.S;
    const values = (a.input.ExpressionAttributeValues ?? {}) as Record<string, { N?: string }>;
    const item = items.get(key);
    if (table === TABLE && a.operation === 'DeleteItem' && item) item.deleted = true;
    if (table === TABLE && a.operation === 'UpdateItem' && values[':fenceBase']) {
      const fence = Number((a.output!.Attributes as { fence: { N: string } }).fence.N);
      const created = fence === Number(values[':fenceBase'].N) + 1;
      if (item?.deleted && created) {
        // e and d between the clock readings the fences came from: when each creating request was built.
        const e = a.sentAt - item.createdAt;
        const d = offsetOf(item.creator, item.createdAt) - offsetOf(a.from, a.sentAt);
        const margin = (e - d) * 1000 + 1 - item.grants;
        if (Math.abs(margin) >= 2_000) {
          if (fence > item.last !== margin > 0) {
            violations.push(
              `S1: ${key} recreated by ${a.from} with fence ${fence} after ${item.last}: ` +
                `(e − d) × 1000 + 1 − n = ${margin.toFixed(0)} predicted the opposite`,
            );
          }
          if (fence > item.last) seen.increasing++;
          else seen.decreasing++;
        }
      } else if (item && fence <= item.last) {
        violations.push(`S1: ${a.from} was granted ${key} with fence ${fence} after fence ${item.last}`);
      }
      if (!item || (item.deleted && created))
        items.set(key, { last: fence, createdAt: a.sentAt, creator: a.from, grants: 1, deleted: false });
      else {
        item.last = fence;
        item.grants++;
      }
    }
    if (table === RESOURCES) {
      const fence = Number(Object.values(values).find((v) => v.N !== undefined)?.N);
      if (fence < (resource.get(key) ?? Number.NEGATIVE_INFINITY))
        violations.push(`S1: a fenced write of ${a.from} with fence ${fence} was accepted after ${resource.get(key)}`);
      resource.set(key, Math.max(fence, resource.get(key) ?? fence));
    }
  }
}

/**
 * S2: validity windows of different grants of one key never overlap (unless `excused`: the fast
 * mode's skew bound broken where the overlap begins).
 *
 * @example
 * ```ts
 * checkWindows(windows, violations, skewExcuse(procs, fastMode));
 * ```
 */
export function checkWindows(windows: readonly Window[], violations: string[], excused: SkewExcuse = () => false): void {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end; j++) {
      const [a, b] = [sorted[i]!, sorted[j]!];
      if (a.key === b.key && a.fence !== b.fence && !excused(a.owner, b.owner, b.start)) {
        violations.push(
          `S2: ${a.owner} (fence ${a.fence}, valid ${a.start.toFixed(1)}–${a.end.toFixed(1)}) and ` +
            `${b.owner} (fence ${b.fence}, valid ${b.start.toFixed(1)}–${b.end.toFixed(1)}) both held ${a.key}`,
        );
      }
    }
  }
}

/**
 * A term as its candidate learned of it (true time), and whether it believed the term valid then.
 *
 * @example
 * ```ts
 * terms.push({ election: 'e0', owner: 'p1', fence: term.fence, at: world.now, valid: term.isValid() });
 * ```
 */
export interface Term {
  readonly election: string;
  readonly owner: string;
  readonly fence: number;
  readonly at: number;
  readonly valid: boolean;
}

/**
 * SE, the order of terms: each term a candidate believed valid when it was elected has a fence
 * greater than every earlier such term's of that election. (A term whose validity was spent on a
 * slow answer is never believed, so it may arrive after its successor.)
 *
 * @example
 * ```ts
 * checkTerms(terms, violations);
 * ```
 */
export function checkTerms(terms: readonly Term[], violations: string[]): void {
  const highest = new Map<string, Term>();
  for (const term of terms) {
    if (!term.valid) continue;
    const before = highest.get(term.election);
    if (before && term.fence <= before.fence) {
      violations.push(
        `SE: ${term.owner} was elected in ${term.election} with fence ${term.fence} at ${term.at.toFixed(1)}, ` +
          `after ${before.owner}'s term with fence ${before.fence} at ${before.at.toFixed(1)}`,
      );
    }
    if (!before || term.fence > before.fence) highest.set(term.election, term);
  }
}

/**
 * SN over the windows (spans checked valid at both ends): never more than N permits of one
 * semaphore held at once. It counts permits, not windows: two windows on one permit are S2's.
 *
 * @example
 * ```ts
 * checkPermitWindows(windows, scenario.permits, violations);
 * ```
 */
export function checkPermitWindows(windows: readonly Window[], permits: number, violations: string[]): void {
  const edges = windows
    .flatMap((w) => {
      const semaphore = semaphoreOf(w.key);
      return semaphore === undefined || w.end <= w.start
        ? []
        : [
            { semaphore, at: w.start, d: 1, w },
            { semaphore, at: w.end, d: -1, w },
          ];
    })
    // A window that ends where another starts does not overlap it: ends first.
    .sort((a, b) => a.at - b.at || a.d - b.d);
  const windowsOpen = new Map<string, number>();
  const permitsHeld = new Map<string, number>();
  const reported = new Set<string>();
  for (const { semaphore, at, d, w } of edges) {
    const open = (windowsOpen.get(w.key) ?? 0) + d;
    windowsOpen.set(w.key, open);
    if (open > 1 || (open === 1 && d < 0)) continue; // the permit was, and stays, held
    const count = (permitsHeld.get(semaphore) ?? 0) + d;
    permitsHeld.set(semaphore, count);
    if (d > 0 && count > permits && !reported.has(semaphore)) {
      reported.add(semaphore);
      violations.push(
        `SN: ${count} permits of ${semaphore} (N = ${permits}) held validly at ${at.toFixed(1)} (the last by ${w.owner} on ${w.key})`,
      );
    }
  }
}

/** Calm, one process per key, short holds: exactly an acquire and a release per grant. */
export function checkRequestCounts(scenario: Scenario, applied: readonly Applied[], violations: string[]): void {
  const users = new Map<number, Set<number>>();
  scenario.processes.forEach((p, i) => {
    for (const j of p.jobs) users.set(j.key, (users.get(j.key) ?? new Set()).add(i));
  });
  scenario.processes.forEach((p, i) => {
    if (p.abandon) return; // its last lock stays held, heartbeating, for as long as the process idles
    const alone = p.jobs.every((j) => users.get(j.key)!.size === 1 && !j.fencedWrites && j.slices * j.sliceMs + 20 < scenario.leaseMs / 4);
    if (!alone) return;
    const writes = applied.filter((a) => a.from === `p${i}` && a.input.TableName === TABLE).length;
    // An acquire and a release each (a campaign also reads who leads first); a process that ends
    // with close({ release: false }) keeps its last.
    const reads = p.jobs.filter((j) => j.call === 'campaign').length;
    const expected = 2 * p.jobs.length + reads - (p.abandon && p.jobs.at(-1)?.call !== 'lambda' ? 1 : 0);
    if (writes !== expected) {
      violations.push(`requests: p${i} alone on its keys sent ${writes} lock writes for ${p.jobs.length} grants (expected ${expected})`);
    }
  });
}

/**
 * TTL: DynamoDB deletes an item once its `ttl` (epoch seconds) is past. Two retentions after the
 * checker's takeovers, the model's sweep must have removed every item (a `ttl` written in ms never comes).
 *
 * @example
 * ```ts
 * checkTtl(world, ddb, violations);
 * ```
 */
export function checkTtl(world: World, ddb: MemoryDynamoClient, violations: string[]): void {
  const sweepAt = world.now + 2 * TTL_RETENTION_MS;
  const wallAtSweep = WALL_T0 + sweepAt;
  for (const item of ddb.model.items(TABLE)) {
    if (Number(item.ttl?.N) * 1000 <= wallAtSweep) ddb.model.setItem(TABLE, { pk: item.pk }, undefined);
  }
  const left = ddb.model.items(TABLE);
  if (left.length > 0)
    violations.push(`TTL: ${left.length} item(s) left ${2 * TTL_RETENTION_MS} ms after the last lease (ttl ${left[0]!.ttl?.N})`);
}
