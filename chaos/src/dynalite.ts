import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

/**
 * dynalite in the parent process on 127.0.0.1 (free port), in memory. Not imported from the
 * demo: chaos/ is ESM and type-checked on its own, the demo's folder is not.
 */
export async function startDynalite(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dynalite = createRequire(import.meta.url)('dynalite') as (options: object) => Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
