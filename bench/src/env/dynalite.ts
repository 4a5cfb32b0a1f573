import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

/**
 * dynalite on 127.0.0.1 (free port), tables ACTIVE at once. In-memory: nothing on disk.
 * examples/demo has the same few lines, but that file type-checks as CommonJS from here
 * (import.meta), and the bench should not break when the demo changes.
 */
export async function startDynalite(): Promise<{ endpoint: string; stop(): Promise<void> }> {
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
