import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CodeIdentity, sameCode } from './code-identity.ts';

/** What the long run is for: `scenarios` from `seed`, in chunks of `chunk` scenarios. */
export interface LongRunTarget {
  readonly scenarios: number;
  readonly seed: number;
  readonly chunk: number;
}

/** One chunk to run: `runs` scenarios drawn by fast-check from `seed`. */
export interface ChunkTask {
  readonly index: number;
  readonly seed: number;
  readonly runs: number;
}

/** What a worker reports for a chunk (explore's numbers, and a violation ready to print). */
export interface ChunkResult {
  readonly index: number;
  readonly seed: number;
  /** Scenarios run: `runs`, or up to and including the violating one. */
  readonly scenarios: number;
  readonly grants: number;
  readonly virtualMs: number;
  /** Time the worker spent in the chunk (not counting its start). */
  readonly wallMs: number;
  readonly recreations: { readonly increasing: number; readonly decreasing: number };
  /** Scenarios whose beliefs overlapped only outside the fast mode's skew bound (absent in chunks of older code). */
  readonly outsideSkewBound?: number;
  readonly violation?: {
    readonly violations: readonly string[];
    /** The replay: `npm run sim -- --seed <seed>` draws the same scenarios; `path` is fast-check's shrink path. */
    readonly seed: number;
    readonly path?: string;
    /** The shrunk scenario, as JSON. */
    readonly scenario: string;
    readonly timeline: string;
  };
}

/** A finished chunk as the ledger keeps it: the result, which code it ran, when and under what load. */
export interface ChunkEntry extends ChunkResult {
  readonly firstSeed: number;
  readonly chunk: number;
  readonly code: CodeIdentity;
  /** When the CLI invocation that ran it started (ISO): one per session. */
  readonly session: string;
  readonly workers: number;
  /** When the chunk finished (ISO). */
  readonly date: string;
  readonly loadavg: readonly number[];
}

/** The committed record of a long run: every finished chunk, across sessions and code versions. */
export interface Ledger {
  readonly version: 1;
  readonly target?: LongRunTarget;
  readonly chunks: readonly ChunkEntry[];
}

/**
 * Every chunk of `target`. Chunk i draws from seed (seed + i × chunk) mod 2³¹, as the long mode
 * always has: a chunk's scenarios are fixed by its seed, whichever process or session runs it.
 *
 * @example
 * ```ts
 * chunkTasks({ scenarios: 25_000, seed: 24, chunk: 10_000 }).map((t) => t.runs); // [10000, 10000, 5000]
 * ```
 */
export function chunkTasks(target: LongRunTarget): ChunkTask[] {
  const tasks: ChunkTask[] = [];
  for (let index = 0; index * target.chunk < target.scenarios; index++) {
    const runs = Math.min(target.chunk, target.scenarios - index * target.chunk);
    tasks.push({ index, seed: (target.seed + index * target.chunk) % 2 ** 31, runs });
  }
  return tasks;
}

/**
 * Whether the ledger already holds `task` for `code`: a chunk from the same seed, of at least as
 * many scenarios (fast-check draws the same first scenarios from a seed), without a violation,
 * on the same runtime code. A violating chunk is run again: it either replays (still a bug) or
 * passes (the bug was fixed in the simulator, which does not change the runtime's fingerprint).
 *
 * @example
 * ```ts
 * const pending = chunkTasks(target).filter((t) => !isDone(ledger, t, code));
 * ```
 */
export function isDone(ledger: Ledger, task: ChunkTask, code: CodeIdentity): boolean {
  return ledger.chunks.some((c) => c.seed === task.seed && c.scenarios >= task.runs && !c.violation && sameCode(c.code, code));
}

/**
 * The ledger with `entry` added. An earlier entry from the same seed on the same code (a shorter
 * last chunk, a violation run again) is replaced, so totals never count one scenario twice.
 *
 * @example
 * ```ts
 * ledger = recordChunk(ledger, { ...result, firstSeed: 24, chunk: 10_000, code, session, workers: 2, date, loadavg });
 * ```
 */
export function recordChunk(ledger: Ledger, entry: ChunkEntry): Ledger {
  const kept = ledger.chunks.filter((c) => !(c.seed === entry.seed && sameCode(c.code, entry.code)));
  return { ...ledger, chunks: [...kept, entry] };
}

/**
 * Reads a ledger; a missing file is an empty one (the first session of a run).
 *
 * @example
 * ```ts
 * const ledger = readLedger('tools/sim/results/long-run.json');
 * ```
 */
export function readLedger(path: string): Ledger {
  if (!existsSync(path)) return { version: 1, chunks: [] };
  const ledger = JSON.parse(readFileSync(path, 'utf8')) as Ledger;
  if (ledger.version !== 1 || !Array.isArray(ledger.chunks)) throw new Error(`${path} is not a version 1 long-run ledger`);
  return ledger;
}

/**
 * Writes the ledger to a temporary file and renames it over `path`: a session killed mid-write
 * leaves the previous ledger whole. One chunk per line, so a session's commit diffs as its chunks.
 *
 * @example
 * ```ts
 * writeLedger('tools/sim/results/long-run.json', recordChunk(ledger, entry));
 * ```
 */
export function writeLedger(path: string, ledger: Ledger): void {
  const chunks = ledger.chunks.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  const text = [
    '{',
    `  "version": ${ledger.version},`,
    ...(ledger.target ? [`  "target": ${JSON.stringify(ledger.target)},`] : []),
    `  "chunks": [${chunks ? `\n${chunks}\n  ` : ''}]`,
    '}',
    '',
  ].join('\n');
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
