import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import type { LocalDynamo } from './local-dynamo.ts';

/** Options of {@link startDynalite}. */
export interface DynaliteOptions {
  /**
   * How long a new table stays CREATING (dynalite simulates DynamoDB's state machine). 0, the
   * default, makes tables ACTIVE at once; a test of a wait for ACTIVE sets more.
   */
  readonly createTableMs?: number;
}

/**
 * dynalite in this process on 127.0.0.1 (free port), in memory: the default local server of the
 * tests, the demo, the bench and the chaos suite. Pure JavaScript, so it needs nothing but npm.
 *
 * @example
 * ```ts
 * const local = await startDynalite();
 * console.log(local.endpoint); // http://127.0.0.1:PORT
 * await local.stop();
 * ```
 */
export async function startDynalite(options: DynaliteOptions = {}): Promise<LocalDynamo> {
  const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs: options.createTableMs ?? 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    server: 'dynalite',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
