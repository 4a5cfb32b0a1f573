import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tagOf } from './client-tag.js';

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Requests seen by the proxy, by DynamoDB operation (`X-Amz-Target` without the API version). */
export type RequestCounts = Record<string, number>;
/** Counts by client tag (see client-tag.ts), then by operation. */
export type TaggedCounts = Record<string, RequestCounts>;

/** Path the proxy answers itself with the counts so far (never forwarded). */
export const STATS_PATH = '/__bench/counts';
/** Same, for the requests the server refused with ConditionalCheckFailedException. */
export const FAILED_CONDITIONS_PATH = '/__bench/failed-conditions';

/**
 * An HTTP proxy on 127.0.0.1 in front of dynalite that counts every request by client tag and operation.
 * Every library — SDK v3, SDK v2, DocumentClients — speaks the same JSON protocol with an
 * `X-Amz-Target` header, so one counter treats them all alike. Bodies are piped untouched and
 * upstream connections are kept alive, so the proxy adds the same small cost to every contender.
 */
export async function startCountingProxy(upstream: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const counts: TaggedCounts = {};
  const failedConditions: TaggedCounts = {};
  const server = http.createServer((req, res) => {
    if (req.url === STATS_PATH || req.url === FAILED_CONDITIONS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.url === STATS_PATH ? counts : failedConditions));
      return;
    }
    const operation = header(req, 'x-amz-target')?.split('.').pop() ?? 'unknown';
    const tag = tagOf([header(req, 'user-agent'), header(req, 'x-amz-user-agent')]);
    const byOp = (counts[tag] ??= {});
    byOp[operation] = (byOp[operation] ?? 0) + 1;
    const forward = http.request({
      host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent,
    }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      // A refused condition is a 400 whose body names it: what a contended attempt costs beyond
      // the write depends on it (dynalite omits the holder there, DynamoDB can return it).
      if (upstreamRes.statusCode === 400) {
        const body: Buffer[] = [];
        upstreamRes.on('data', (chunk: Buffer) => body.push(chunk));
        upstreamRes.on('end', () => {
          if (!Buffer.concat(body).toString('utf8').includes('ConditionalCheckFailedException')) return;
          const failed = (failedConditions[tag] ??= {});
          failed[operation] = (failed[operation] ?? 0) + 1;
        });
      }
      upstreamRes.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  // Clients keep connections alive; idle ones must not hold close() open.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      agent.destroy();
      server.close(() => resolve());
    }),
  };
}
