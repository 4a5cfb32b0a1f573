import { fileURLToPath } from 'node:url';
import { DEFAULT_TAG, type LocalServerName, type RequestCounts, remoteCounts } from '@ddb-lock/local-dynamo';
import { exited, spawnTs } from '../util/children.js';

/** The running server: the proxy endpoint every client talks to, and its request counters. */
export interface BenchEnv {
  /** Which server answers behind the proxy. */
  readonly server: LocalServerName;
  /** http://127.0.0.1:PORT of the counting proxy (never the server directly). */
  readonly endpoint: string;
  /** Counts since the server started, by operation, of the clients with this tag. */
  counts(tag?: string): Promise<RequestCounts>;
  /** Of those, the requests the server refused with ConditionalCheckFailedException. */
  failedConditions(tag?: string): Promise<RequestCounts>;
  stop(): Promise<void>;
}

/** Starts the server (dynalite by default) and the counting proxy in a child process and waits for its endpoint. */
export async function startBenchEnv(server: LocalServerName = 'dynalite'): Promise<BenchEnv> {
  const child = spawnTs(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], {
    env: { ...process.env, DDB_LOCK_TEST_SERVER: server },
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server process did not start within 30 s')), 30_000);
    child.once('message', (message: { endpoint: string }) => {
      clearTimeout(timer);
      resolve(message.endpoint);
    });
    child.once('exit', (code) => reject(new Error(`server process exited early (${code})`)));
  });
  return {
    server,
    endpoint,
    counts: (tag = DEFAULT_TAG) => remoteCounts(endpoint, 'counts', tag),
    failedConditions: (tag = DEFAULT_TAG) => remoteCounts(endpoint, 'failedConditions', tag),
    async stop() {
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
