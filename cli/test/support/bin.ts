import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root: the tests run the bin exactly where `npm ci` put it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** `node_modules/.bin/ddb-lock`, the link `npm ci` makes. */
export const BIN = join(REPO_ROOT, 'node_modules', '.bin', 'ddb-lock');

/** What a finished bin run left. */
export interface BinResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A running bin: its output so far, a way to wait for a line, and its end.
 *
 * @example
 * ```ts
 * const watch = startBin([...table.flags, 'watch'], { env });
 * await watch.waitForStdout(/"acquire"/);
 * watch.process.kill('SIGINT');
 * ```
 */
export interface RunningBin {
  readonly process: ChildProcess;
  readonly result: Promise<BinResult>;
  stdout(): string;
  stderr(): string;
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<string>;
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

/**
 * Starts `node_modules/.bin/ddb-lock` (its shebang finds the Node running the tests first on PATH).
 *
 * @example
 * ```ts
 * const run = startBin(['--table', 't', 'ls'], { env: target.env });
 * ```
 */
export function startBin(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; stdin?: 'ignore' | 'pipe' },
): RunningBin {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm ci at the repo root`);
  const env = { ...options.env, PATH: `${dirname(process.execPath)}:${options.env.PATH ?? ''}` };
  const child = spawn(BIN, [...args], { env, cwd: options.cwd ?? REPO_ROOT, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const result = new Promise<BinResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err }));
  });
  const waitFor = (read: () => string, pattern: RegExp, timeoutMs = 20_000) =>
    waitUntil(
      () => pattern.exec(read())?.[0],
      timeoutMs,
      () => `${pattern} in:\n${read()}\n--- stderr:\n${err}`,
    );
  return {
    process: child,
    result,
    stdout: () => out,
    stderr: () => err,
    waitForStdout: (pattern, timeoutMs) => waitFor(() => out, pattern, timeoutMs),
    waitForStderr: (pattern, timeoutMs) => waitFor(() => err, pattern, timeoutMs),
  };
}

/**
 * Runs the bin to its end.
 *
 * @example
 * ```ts
 * const { code, stderr } = await runBin(['ls', '--bogus'], { env });
 * ```
 */
export function runBin(args: readonly string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Promise<BinResult> {
  return startBin(args, options).result;
}

/**
 * Resolves with `check()`'s first defined value, checking every 20 ms; rejects after `timeoutMs`.
 * Tests wait for an observable fact (a line, a file, an item), never for a guessed duration.
 *
 * @example
 * ```ts
 * const fence = await waitUntil(() => readIfExists(marker), 10_000, () => 'the child never started');
 * ```
 */
export async function waitUntil<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
