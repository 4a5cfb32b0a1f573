import { type ChildProcess, spawn } from 'node:child_process';
import type { LocalDynamo } from './local-dynamo.ts';
import { LocalDynamoError } from './local-dynamo-error.ts';
import { MOTO_LAUNCHER, motoMissing, motoPython } from './moto-install.ts';

/** Options of {@link startMoto}. */
export interface MotoOptions {
  /** How long to wait for the server to say where it listens. */
  readonly startTimeoutMs?: number;
}

/**
 * moto's server (Python, from the repo's venv) as a child process on 127.0.0.1 on a free port. It
 * implements what dynalite lacks (TransactWriteItems, ReturnValuesOnConditionCheckFailure,
 * UpdateTimeToLive). moto-server.py serves moto's own WSGI app as `moto_server` does, but one
 * request at a time, because moto's conditional writes are not atomic across its threads. The
 * process is killed when this one exits, so a crashed test run leaves no server behind.
 *
 * @example
 * ```ts
 * const local = await startMoto();   // LocalDynamoError if the venv is missing
 * console.log(local.endpoint);       // http://127.0.0.1:PORT
 * await local.stop();
 * ```
 */
export async function startMoto(options: MotoOptions = {}): Promise<LocalDynamo> {
  const missing = motoMissing();
  if (missing) throw new LocalDynamoError(missing);
  const child = spawn(motoPython(), [MOTO_LAUNCHER, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let endpoint: string;
  try {
    endpoint = await listeningAt(child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  }
  return {
    server: 'moto',
    endpoint,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

/**
 * Reads the launcher's "listening on http://127.0.0.1:PORT" line. Both pipes keep being drained
 * afterwards (a full pipe would block the server), keeping the last lines for an error message.
 */
function listeningAt(child: ChildProcess, timeoutMs: number): Promise<string> {
  const tail: string[] = [];
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`moto did not report its port within ${timeoutMs} ms`), timeoutMs);
    const fail = (message: string, cause?: unknown) => {
      clearTimeout(timer);
      reject(new LocalDynamoError(`${message}${tail.length ? `; last output:\n${tail.join('\n')}` : ''}`, { cause }));
    };
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) tail.push(line.trim());
        if (tail.length > 20) tail.shift();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('error', (error) => fail(`could not start ${motoPython()}`, error));
    child.once('exit', (code, signal) => fail(`moto exited (${code ?? signal}) before listening`));
  });
}
