import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { BIN, REPO_ROOT, type RunningBin, waitUntil } from './bin.js';

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`), so `process.stdin.isTTY` and
 * `process.stdout.isTTY` are true in it; what it draws comes back on `stdout()`, and `write()`
 * types into the terminal.
 *
 * @example
 * ```ts
 * const tty = startBinOnPty(['--table', 't', 'watch'], { env });
 * await tty.waitForStdout(/recent events:/);
 * ```
 */
export function startBinOnPty(args: readonly string[], options: { env: NodeJS.ProcessEnv }): RunningBin & { write(text: string): void } {
  const quoted = [BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // script runs the command with `$SHELL -c`. dash (Debian's /bin/sh, which script uses when SHELL
  // is unset, as under CI) does not exec a lone command, so it would stay in the terminal's
  // foreground group and die of the Ctrl-C itself (exit 130) however the bin handles it: hence an
  // explicit `exec`, and one known shell.
  const env = { ...options.env, PATH: `${dirname(process.execPath)}:${options.env.PATH ?? ''}`, TERM: 'xterm', SHELL: '/bin/sh' };
  // -q quiet, -f flush as written, -e the command's exit code, -c the command; no typescript file.
  const child = spawn('script', ['-qfec', `exec ${quoted}`, '/dev/null'], { env, cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const result = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: out, stderr: err }));
  });
  const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
    waitUntil(
      () => pattern.exec(out)?.[0],
      timeoutMs,
      () => `${pattern} on the terminal:\n${JSON.stringify(out)}`,
    );
  return {
    process: child,
    result,
    stdout: () => out,
    stderr: () => err,
    waitForStdout: waitFor,
    waitForStderr: waitFor,
    write: (text) => {
      child.stdin.write(text);
    },
  };
}
