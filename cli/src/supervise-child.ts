import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { Writable } from 'node:stream';
import { EXIT, signalExitCode } from './exit-codes.js';

/**
 * Signals `run` passes on to its child: the ways a shell, a terminal or a supervisor stop a job.
 *
 * @example
 * ```ts
 * for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
 * ```
 */
export const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * A running child and the way `run` stops it when the lock is lost.
 *
 * @example
 * ```ts
 * const child = superviseChild(['make', 'backup'], env);
 * lock.on('lost', () => child.stop(10_000));
 * process.exitCode = await child.exited;
 * ```
 */
export interface SupervisedChild {
  /** The child's exit code as a shell reports it (128 + N for signal N; 127/126 when it could not start). */
  readonly exited: Promise<number>;
  /** SIGTERM now, SIGKILL after `graceMs` if it is still running. */
  stop(graceMs: number): void;
  /** With `lifeline`: the write end of the child's fd 3, which closes when this process exits, however it ends. */
  readonly lifeline?: Writable;
}

/**
 * Starts `argv` with inherited stdio and `env`, forwarding SIGINT, SIGTERM and SIGHUP sent to
 * this process. The child stays in our process group, so a terminal's Ctrl-C reaches it directly
 * too (it may see SIGINT twice, as under most wrappers); a supervisor signalling only our pid
 * still reaches it through the forwarding.
 *
 * @example
 * ```ts
 * const code = await superviseChild(['sh', '-c', 'echo $DDB_LOCK_FENCE'], { ...process.env, DDB_LOCK_FENCE: '7' }).exited;
 * ```
 */
export function superviseChild(argv: readonly string[], env: NodeJS.ProcessEnv, options: { lifeline?: boolean } = {}): SupervisedChild {
  const [command, ...args] = argv;
  const child = spawn(command!, args, { stdio: options.lifeline ? ['inherit', 'inherit', 'inherit', 'pipe'] : 'inherit', env });
  const lifeline = options.lifeline ? (child.stdio[3] as Writable) : undefined;
  // The child may exit before reading it: a write then fails with EPIPE, which must not crash us.
  lifeline?.on('error', () => undefined);
  let killTimer: NodeJS.Timeout | undefined;
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const exited = new Promise<number>((resolve) => {
    const finish = (code: number) => {
      clearTimeout(killTimer);
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      resolve(code);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // a failed kill of a live child: 'exit' still comes
      process.stderr.write(`ddb-lock: cannot run ${command}: ${error.message}\n`);
      finish(error.code === 'ENOENT' ? EXIT.commandNotFound : EXIT.cannotExecute);
    });
    child.once('exit', (code, signal) => finish(code ?? signalExitCode(signal ? constants.signals[signal] : 0)));
  });
  return {
    exited,
    ...(lifeline && { lifeline }),
    stop(graceMs) {
      if (killTimer !== undefined || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    },
  };
}
