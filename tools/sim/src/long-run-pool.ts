import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChunkResult, ChunkTask } from './long-run-ledger.ts';
import type { WorkerReply } from './long-run-worker.ts';

/** Something that runs chunks one at a time: a forked worker, or a stand-in in the tests. */
export interface ChunkRunner {
  run(task: ChunkTask): Promise<ChunkResult>;
  /** Ends the runner; a chunk in flight is abandoned (its promise rejects). */
  close(): void;
}

/** Why `runChunks` returned. */
export type StopReason = 'done' | 'time' | 'violation';

/**
 * Runs `tasks` in order on `runners`, each runner taking the next task as soon as it is free.
 * Before each start it asks `mayStart()` (the session's time budget): once that says no, no chunk
 * starts, the chunks in flight finish and are reported, and it returns `'time'`. `onResult` is
 * called once per finished chunk, in finishing order, before the runner takes another (the ledger
 * is written there, so a killed session loses only the chunks in flight). A violation stops
 * everything at once: the other runners are closed and their chunks abandoned.
 *
 * @example
 * ```ts
 * const runners = [forkRunner(), forkRunner()];
 * const deadline = Date.now() + 40 * 60_000;
 * const stop = await runChunks(pending, runners, () => Date.now() < deadline, (r) => save(r));
 * ```
 */
export async function runChunks(
  tasks: readonly ChunkTask[],
  runners: readonly ChunkRunner[],
  mayStart: () => boolean,
  onResult: (result: ChunkResult) => void,
): Promise<StopReason> {
  let next = 0;
  let stop: StopReason | undefined;
  const loop = async (runner: ChunkRunner) => {
    while (!stop && next < tasks.length) {
      if (!mayStart()) {
        stop ??= 'time';
        return;
      }
      const task = tasks[next++]!;
      let result: ChunkResult;
      try {
        result = await runner.run(task);
      } catch (error) {
        // Closed because another chunk found a violation: that one is the news.
        if (stop === 'violation') return;
        throw error;
      }
      if (stop === 'violation') return;
      onResult(result);
      if (result.violation) {
        stop = 'violation';
        for (const other of runners) if (other !== runner) other.close();
      }
    }
  };
  try {
    await Promise.all(runners.map(loop));
  } finally {
    for (const runner of runners) runner.close();
  }
  return stop ?? 'done';
}

/**
 * A runner in a forked Node process (long-run-worker.ts), which loads its own copies of the
 * runtime on its first chunk and keeps them for the next.
 *
 * @example
 * ```ts
 * const runner = forkRunner();
 * const result = await runner.run({ index: 0, seed: 24, runs: 10_000 });
 * runner.close();
 * ```
 */
export function forkRunner(): ChunkRunner {
  const child: ChildProcess = fork(fileURLToPath(new URL('./long-run-worker.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending: { resolve: (r: ChunkResult) => void; reject: (e: Error) => void } | undefined;
  const fail = (error: Error) => {
    pending?.reject(error);
    pending = undefined;
  };
  child.on('message', (reply: WorkerReply) => {
    if ('result' in reply) pending?.resolve(reply.result);
    else fail(new Error(`long-run worker ${child.pid}: ${reply.error}`));
    pending = undefined;
  });
  child.on('exit', (code, signal) => fail(new Error(`long-run worker ${child.pid} exited (${signal ?? code})`)));
  child.on('error', fail);
  return {
    run: (task) =>
      new Promise<ChunkResult>((resolve, reject) => {
        if (pending) throw new Error('a runner runs one chunk at a time');
        if (child.exitCode !== null || !child.connected) return reject(new Error(`long-run worker ${child.pid} is gone`));
        pending = { resolve, reject };
        child.send(task);
      }),
    close: () => {
      // Disconnecting lets the worker remove its bundle directory and exit between two events.
      if (child.connected) child.disconnect();
      fail(new Error(`long-run worker ${child.pid} closed`));
    },
  };
}
