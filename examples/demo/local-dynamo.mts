import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

/**
 * dynalite in this process on 127.0.0.1 (free port), tables ACTIVE at once, in memory: the
 * embedded DynamoDB of the demo, the bench and the chaos suite. An `.mts` file, so it is ESM
 * (it needs `import.meta`) whichever package imports it.
 *
 * @example
 * ```ts
 * const local = await startLocalDynamo();
 * console.log(local.endpoint); // http://127.0.0.1:PORT
 * await local.stop();
 * ```
 */
export async function startLocalDynamo(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
