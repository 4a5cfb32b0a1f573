import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tagOf } from './client-tag.ts';

/** Requests by DynamoDB operation (`X-Amz-Target` without the API version). */
export type RequestCounts = Record<string, number>;
/** Counts by client tag (see client-tag.ts), then by operation. */
export type TaggedCounts = Record<string, RequestCounts>;

/** One request seen by a proxy started with `log: true`. */
export interface ProxiedRequest {
  readonly op: string;
  /** The partition key it addressed (first string attribute of `Key`), when it had one. */
  readonly key?: string;
  readonly tag: string;
  /** Wall-clock ms when the request arrived. */
  readonly at: number;
}

/**
 * Path the proxy answers itself (never forwarded) with every count, by tag then operation, for a
 * process that does not hold the proxy.
 *
 * @example
 * ```ts
 * const byTag = await (await fetch(`${proxy.endpoint}${COUNTS_PATH}`)).json();
 * ```
 */
export const COUNTS_PATH = '/__local-dynamo/counts';

/**
 * Same as {@link COUNTS_PATH}, for the requests refused with ConditionalCheckFailedException.
 *
 * @example
 * ```ts
 * const refused = await (await fetch(`${proxy.endpoint}${FAILED_CONDITIONS_PATH}`)).json();
 * ```
 */
export const FAILED_CONDITIONS_PATH = '/__local-dynamo/failed-conditions';

/**
 * A running counting proxy.
 *
 * @example
 * ```ts
 * proxy.counts();                      // { UpdateItem: 2, GetItem: 1 } over every client
 * proxy.failedConditions('waiter');    // refused conditional writes of clients tagged 'waiter'
 * proxy.log.filter((r) => r.key === 'customer#c1').map((r) => r.op);
 * ```
 */
export interface CountingProxy {
  /** http://127.0.0.1:PORT: point clients here instead of at the server. */
  readonly endpoint: string;
  /** Requests so far, of one tag or (without a tag) of every client. */
  counts(tag?: string): RequestCounts;
  /** Of those, the ones the server refused with ConditionalCheckFailedException. */
  failedConditions(tag?: string): RequestCounts;
  /** Every request in arrival order; empty unless started with `log: true`. */
  readonly log: readonly ProxiedRequest[];
  /** Forgets every count and the log. */
  reset(): void;
  stop(): Promise<void>;
}

/** Options of {@link startCountingProxy}. */
export interface CountingProxyOptions {
  /** Keep a log of every request with the key it addressed (parses each body: tests, not benchmarks). */
  readonly log?: boolean;
  /**
   * Operations the proxy refuses itself, as IAM refuses a role without the permission: HTTP 400
   * AccessDeniedException, never forwarded (still counted). A real server that denies, for
   * testing what a caller does with a denial (`ensureTable` and `UpdateTimeToLive`).
   */
  readonly deny?: readonly string[];
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a DynamoDB endpoint that counts every request at the
 * wire, by client tag and operation, and the refused conditions among them. Every SDK (v3, v2,
 * DocumentClients) speaks the same JSON protocol with an `X-Amz-Target` header, so one counter
 * treats them all alike; bodies are piped untouched and upstream connections kept alive, so it
 * adds the same small cost to every client. A whole process (a Lambda bundle, a bench contender)
 * is counted without touching its code.
 *
 * @example
 * ```ts
 * const proxy = await startCountingProxy(local.endpoint, { log: true });
 * // point clients at proxy.endpoint …
 * console.log(proxy.counts()); // { UpdateItem: 2 }
 * await proxy.stop();
 * ```
 */
export async function startCountingProxy(upstream: string, options: CountingProxyOptions = {}): Promise<CountingProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let counts: TaggedCounts = {};
  let failed: TaggedCounts = {};
  const log: ProxiedRequest[] = [];
  const server = http.createServer((req, res) => {
    if (req.url === COUNTS_PATH || req.url === FAILED_CONDITIONS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(req.url === COUNTS_PATH ? counts : failed));
      return;
    }
    const op = header(req, 'x-amz-target')?.split('.').pop() ?? 'unknown';
    const tag = tagOf([header(req, 'user-agent'), header(req, 'x-amz-user-agent')]);
    bump(counts, tag, op);
    if (options.log) logRequest(req, log, op, tag);
    if (options.deny?.includes(op)) {
      req.resume();
      const message =
        `User: arn:aws:sts::000000000000:assumed-role/test is not authorized to perform: dynamodb:${op}` +
        ` because no identity-based policy allows the dynamodb:${op} action`;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: message }));
      return;
    }
    const forward = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        // A refused condition is a 400 whose body names it: what a contended attempt costs beyond
        // the write depends on it (a server that omits the holder costs a read more).
        if (upstreamRes.statusCode === 400) {
          const body: Buffer[] = [];
          const seenBy = failed;
          upstreamRes.on('data', (chunk: Buffer) => body.push(chunk));
          upstreamRes.on('end', () => {
            if (Buffer.concat(body).toString('utf8').includes('ConditionalCheckFailedException')) bump(seenBy, tag, op);
          });
        }
        upstreamRes.pipe(res);
      },
    );
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
    counts: (tag) => select(counts, tag),
    failedConditions: (tag) => select(failed, tag),
    log,
    reset() {
      counts = {};
      failed = {};
      log.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bump(into: TaggedCounts, tag: string, op: string): void {
  const byOp = into[tag] ?? {};
  into[tag] = byOp;
  byOp[op] = (byOp[op] ?? 0) + 1;
}

function select(from: TaggedCounts, tag: string | undefined): RequestCounts {
  if (tag !== undefined) return { ...from[tag] };
  const sum: RequestCounts = {};
  for (const byOp of Object.values(from)) for (const [op, n] of Object.entries(byOp)) sum[op] = (sum[op] ?? 0) + n;
  return sum;
}

/** Reads a copy of the body (the original still streams upstream) for the key it addresses. */
function logRequest(req: http.IncomingMessage, log: ProxiedRequest[], op: string, tag: string): void {
  const at = Date.now();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let key: string | undefined;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { Key?: Record<string, { S?: string }> };
      key = Object.values(body.Key ?? {})[0]?.S;
    } catch {
      // Not JSON: counted, logged without a key.
    }
    log.push({ op, tag, at, ...(key !== undefined && { key }) });
  });
}
