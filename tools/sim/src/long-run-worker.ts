// A long-run worker, forked by long-run-pool.ts: it runs the chunks the parent sends, one at a
// time, and answers each with its ChunkResult. A separate process and not a worker thread because
// the simulated processes' environments are process globals (globalThis.__ddbLockSim, read by
// every runtime copy through sim-globals.js) and a scenario sets them: one simulator per process.
import { rmSync } from 'node:fs';
import { explore, timelineOf, variant } from './explore.ts';
import type { ChunkResult, ChunkTask } from './long-run-ledger.ts';
import { bundleDir, type Runtime } from './runtime-bundle.ts';

/** What a worker sends back: a chunk's result, or why it could not run it. */
export type WorkerReply = { readonly result: ChunkResult } | { readonly error: string };

/**
 * Runs one chunk on `runtimes` and, on a violation, shrinks it and replays the shrunk scenario for
 * its timeline, so the parent (which has no runtime loaded) can write it down as it is.
 *
 * @example
 * ```ts
 * const result = await runChunk(await variant('shipped'), { index: 0, seed: 24, runs: 50 });
 * ```
 */
export async function runChunk(runtimes: readonly Runtime[], task: ChunkTask): Promise<ChunkResult> {
  const found = await explore(runtimes, { runs: task.runs, seed: task.seed, shrink: true });
  const { scenarios, grants, recreations, outsideSkewBound } = found;
  // Rounded for the committed ledger: whole wall ms; virtual ms to the µs (deterministic either way).
  const virtualMs = Math.round(found.virtualMs * 1000) / 1000;
  const result = {
    index: task.index,
    seed: task.seed,
    scenarios,
    grants,
    virtualMs,
    wallMs: Math.round(found.wallMs),
    recreations,
    outsideSkewBound,
  };
  if (!found.failure) return result;
  const { scenario, violations, seed, path } = found.failure;
  const timeline = await timelineOf(runtimes, scenario);
  return { ...result, violation: { violations, seed, ...(path && { path }), scenario: JSON.stringify(scenario), timeline } };
}

// Only when forked: the tests import runChunk from here without becoming a worker.
if (process.send) {
  // Its own bundle directory: loadRuntimes empties the one it writes to, and workers load at once.
  const name = `long-${process.pid}`;
  let runtimes: Promise<Runtime[]> | undefined;
  const cleanUp = () => rmSync(bundleDir(name), { recursive: true, force: true });
  process.on('message', async (task: ChunkTask) => {
    let reply: WorkerReply;
    try {
      runtimes ??= variant(name);
      reply = { result: await runChunk(await runtimes, task) };
    } catch (error) {
      reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    process.send?.(reply);
  });
  // The parent closed the channel (done, stopped, or killed): stop between two simulated events.
  process.on('disconnect', () => {
    cleanUp();
    process.exit(0);
  });
}
