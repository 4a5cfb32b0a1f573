import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppliedWrite, appliedWrite, errorResponse, operationOf } from './dynamo-wire.js';
import { FaultInjector, type FaultPlan } from './faults.js';
import { mono } from './mono.js';
import { Prng } from './prng.js';

/** Header each worker's SDK client adds so faults can target a worker (and the log can name it). */
export const WORKER_HEADER = 'x-chaos-worker';

/**
 * An HTTP proxy on 127.0.0.1 between the workers' SDK clients and dynalite that injects the
 * faults of a {@link FaultInjector}. It also records every write the server applied (the
 * server's truth, whatever the client heard), which the checker trusts over the workers' logs.
 */
export class FaultProxy {
  readonly injector: FaultInjector;
  readonly applied: AppliedWrite[] = [];
  private readonly server: http.Server;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly upstream: URL;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly rng: Prng;
  private closed = false;

  private constructor(upstream: string, plan: FaultPlan, seed: number) {
    this.upstream = new URL(upstream);
    this.injector = new FaultInjector(plan, seed);
    this.rng = new Prng(seed ^ 0x5bd1e995);
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
  }

  static async start(upstream: string, plan: FaultPlan, seed: number): Promise<FaultProxy> {
    const proxy = new FaultProxy(upstream, plan, seed);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.closed = true;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      if (!this.closed) fn();
    }, ms);
    this.pending.add(timer);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op = operationOf(req.headers['x-amz-target']);
      const workerHeader = req.headers[WORKER_HEADER];
      const worker = workerHeader === undefined ? undefined : Number(workerHeader);
      const { delayMs, fault } = this.injector.decide(mono(), worker, op);
      const run = () => this.apply(fault, req, res, body, op, worker);
      if (delayMs > 0) this.later(delayMs, run);
      else run();
    });
  }

  private apply(
    fault: string | undefined,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    op: string,
    worker: number | undefined,
  ): void {
    const gone = () => res.destroyed || req.socket.destroyed;
    switch (fault) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        // Bounded: the socket is closed after maxHangMs even if the client never gives up.
        this.later(this.injector.maxHangMs, () => req.socket.destroy());
        return;
      case 'throttle':
      case 'error5xx': {
        if (gone()) return;
        const { status, body: errBody } = errorResponse(fault, this.rng.next());
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'chaos' });
        res.end(errBody);
        return;
      }
      case 'late':
        // Forwarded later whatever the client did meanwhile: if it is still there it hears back.
        this.later(this.injector.lateMs, () =>
          this.forward(req, body, op, worker, 'late', (status, headers, out) => {
            if (!gone()) {
              res.writeHead(status, headers);
              res.end(out);
            }
          }),
        );
        return;
      case 'replay':
        this.later(this.injector.lateMs, () => this.forward(req, body, op, worker, 'replay', () => undefined));
        break;
      default:
        break;
    }
    if (gone()) return; // the client gave up while we delayed it: never forward (see `late`)
    this.forward(req, body, op, worker, undefined, (status, headers, out) => {
      if (fault === 'drop') {
        req.socket.destroy(); // applied, but the client never hears: the ambiguous outcome
        return;
      }
      if (gone()) return;
      res.writeHead(status, headers);
      res.end(out);
    });
  }

  private forward(
    req: http.IncomingMessage,
    body: Buffer,
    op: string,
    worker: number | undefined,
    delayed: 'late' | 'replay' | undefined,
    reply: (status: number, headers: http.OutgoingHttpHeaders, body: Buffer) => void,
  ): void {
    if (this.closed) return;
    const headers = { ...req.headers, host: this.upstream.host, 'content-length': String(body.length) };
    const up = http.request(
      {
        host: this.upstream.hostname,
        port: this.upstream.port,
        method: req.method,
        path: req.url,
        headers,
        agent: this.agent,
      },
      (upRes) => {
        const out: Buffer[] = [];
        upRes.on('data', (c: Buffer) => out.push(c));
        upRes.on('end', () => {
          const buf = Buffer.concat(out);
          const status = upRes.statusCode ?? 500;
          const seq = Number(upRes.headers['x-local-dynamo-seq']);
          if (status === 200) this.record(op, worker, body, buf, delayed, Number.isInteger(seq) ? seq : undefined);
          const h = { ...upRes.headers };
          delete h.connection;
          delete h['transfer-encoding'];
          h['content-length'] = String(buf.length);
          reply(status, h, buf);
        });
      },
    );
    up.on('error', () => req.socket.destroy());
    up.end(body);
  }

  private record(
    op: string,
    worker: number | undefined,
    request: Buffer,
    response: Buffer,
    delayed?: 'late' | 'replay',
    serverSeq?: number,
  ): void {
    try {
      const w = appliedWrite(
        mono(),
        worker,
        op,
        JSON.parse(request.toString('utf8')),
        JSON.parse(response.toString('utf8') || '{}'),
        delayed,
        serverSeq,
      );
      if (w && w.kind !== 'other') this.applied.push(w);
    } catch {
      // Not JSON (never for DynamoDB): nothing to record.
    }
  }
}
