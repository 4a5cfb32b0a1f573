import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on 127.0.0.1 that counts requests and answers 500: pointed at with --endpoint,
 * it proves a command sent nothing (bad input is refused before any request).
 *
 * @example
 * ```ts
 * const server = await countingServer();
 * await runBin(['--endpoint', server.endpoint, 'ls', '--bogus'], { env });
 * assert.equal(server.requests(), 0);
 * ```
 */
export async function countingServer(): Promise<{ endpoint: string; requests(): number; close(): Promise<void> }> {
  let count = 0;
  const server = createServer((req, res) => {
    count++;
    req.resume();
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
