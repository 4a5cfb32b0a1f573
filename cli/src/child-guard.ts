/**
 * The guard `lead` puts between itself and the command: a plain Node process (`node -e`, so it
 * runs the same built or from sources) that starts the command in its own process group (its
 * own child processes are signalled with it) and stops it — SIGTERM to the group, SIGKILL after
 * the grace — when:
 * - its lifeline closes: fd 3, a pipe whose other end only `ddb-lock lead` holds. The kernel
 *   closes it when `ddb-lock` exits for any reason, SIGKILL included, so the command never
 *   outlives its leader; `lead` also closes it on demotion;
 * - the term's validity, as `lead` last reported it on the lifeline (one line of remaining ms
 *   per confirmed heartbeat), runs out: a SIGSTOPped or hung `ddb-lock lead` cannot renew, and
 *   its command is stopped on time although `ddb-lock` itself is not running.
 * SIGINT, SIGTERM and SIGHUP sent to the guard go to the command's group; the guard exits with
 * the command's code (128 + N for signal N).
 */
const GUARD_SOURCE = `
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const fs = require('node:fs');
const [grace, command, ...args] = process.argv.slice(1);
const child = spawn(command, args, { stdio: ['inherit', 'inherit', 'inherit'], detached: true });
const group = (signal) => { try { process.kill(-child.pid, signal); } catch {} };
let stopping = false;
let validity;
const stop = () => {
  if (stopping) return;
  stopping = true;
  clearTimeout(validity);
  group('SIGTERM');
  setTimeout(() => group('SIGKILL'), Number(grace)).unref();
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => group(signal));
child.once('error', (error) => {
  process.stderr.write('ddb-lock: cannot run ' + command + ': ' + error.message + '\\n');
  process.exit(error.code === 'ENOENT' ? 127 : 126);
});
child.once('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
const lifeline = fs.createReadStream('', { fd: 3 });
let pending = '';
lifeline.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\\n');
  pending = lines.pop();
  const last = lines.at(-1);
  if (last === undefined || stopping) return;
  clearTimeout(validity);
  validity = setTimeout(stop, Math.max(0, Number(last)));
});
lifeline.on('end', stop);
lifeline.on('error', stop);
`;

/**
 * The argv that runs `argv` under the guard, stopped with `graceMs` between SIGTERM and SIGKILL.
 * Start it with a lifeline on fd 3 (see `superviseChild`'s `lifeline` option).
 *
 * @example
 * ```ts
 * const child = superviseChild(guardedCommand(['./scheduler'], 10_000), env, { lifeline: true });
 * child.lifeline?.write(`${term.remainingMs}\n`);
 * ```
 */
export function guardedCommand(argv: readonly string[], graceMs: number): string[] {
  return [process.execPath, '-e', GUARD_SOURCE, String(graceMs), ...argv];
}
