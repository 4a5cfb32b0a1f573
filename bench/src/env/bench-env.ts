import { fileURLToPath } from 'node:url';
import { exited, spawnTs } from '../util/children.js';
import { DEFAULT_TAG } from './client-tag.js';
import { FAILED_CONDITIONS_PATH, STATS_PATH, type RequestCounts, type TaggedCounts } from './counting-proxy.js';

/** The running server: the proxy endpoint every client talks to, and its request counters. */
export interface BenchEnv {
  /** http://127.0.0.1:PORT of the counting proxy (never dynalite directly). */
  readonly endpoint: string;
  /** Counts since the server started, by operation, of the clients with this tag. */
  counts(tag?: string): Promise<RequestCounts>;
  /** Of those, the requests the server refused with ConditionalCheckFailedException. */
  failedConditions(tag?: string): Promise<RequestCounts>;
  stop(): Promise<void>;
}

/** Starts dynalite and the counting proxy in a child process and waits for its endpoint. */
export async function startBenchEnv(): Promise<BenchEnv> {
  const child = spawnTs(fileURLToPath(new URL('./server-process.ts', import.meta.url)), []);
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server process did not start within 30 s')), 30_000);
    child.once('message', (message: { endpoint: string }) => {
      clearTimeout(timer);
      resolve(message.endpoint);
    });
    child.once('exit', (code) => reject(new Error(`server process exited early (${code})`)));
  });
  return {
    endpoint,
    async counts(tag = DEFAULT_TAG) {
      const response = await fetch(`${endpoint}${STATS_PATH}`);
      return ((await response.json()) as TaggedCounts)[tag] ?? {};
    },
    async failedConditions(tag = DEFAULT_TAG) {
      const response = await fetch(`${endpoint}${FAILED_CONDITIONS_PATH}`);
      return ((await response.json()) as TaggedCounts)[tag] ?? {};
    },
    async stop() {
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
