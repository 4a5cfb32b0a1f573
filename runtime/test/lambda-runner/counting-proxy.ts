import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request seen by the proxy: operation and the partition key it addressed. */
export interface ProxiedRequest {
  readonly op: string;
  readonly key?: string;
  readonly at: number;
}

/**
 * A running counting proxy.
 *
 * @example
 * ```ts
 * proxy.log.filter((r) => r.key === 'customer#c1').map((r) => r.op);
 * ```
 */
export interface CountingProxy {
  readonly endpoint: string;
  readonly counts: Record<string, number>;
  readonly log: ProxiedRequest[];
  reset(): void;
  stop(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a DynamoDB endpoint that counts requests by operation
 * (`X-Amz-Target`), so tests can assert what a whole process — a Lambda bundle — sent.
 *
 * @example
 * ```ts
 * const proxy = await startCountingProxy('http://127.0.0.1:8000');
 * // point clients at proxy.endpoint …
 * console.log(proxy.counts); // { UpdateItem: 2 }
 * await proxy.stop();
 * ```
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const counts: Record<string, number> = {};
  const log: ProxiedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const op = String(req.headers['x-amz-target'] ?? 'unknown').split('.').pop()!;
    counts[op] = (counts[op] ?? 0) + 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Key?: Record<string, { S?: string }> };
        log.push({ op, key: Object.values(body.Key ?? {})[0]?.S, at: Date.now() });
      } catch {
        log.push({ op, at: Date.now() });
      }
    });
    const forward = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    log,
    reset: () => {
      for (const k of Object.keys(counts)) delete counts[k];
      log.length = 0;
    },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
