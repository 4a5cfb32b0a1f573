import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

/** Every child the bench started and has not seen exit; killed on the way out whatever happens. */
const live = new Set<ChildProcess>();

/**
 * Starts a TypeScript file in a new Node process (the same Node binary, with tsx as loader) and
 * tracks it, so {@link killAllChildren} can stop it when the bench ends or fails.
 */
export function spawnTs(file: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGKILLs every tracked child still running and waits for each to exit. */
export async function killAllChildren(): Promise<void> {
  const children = [...live];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
}

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
