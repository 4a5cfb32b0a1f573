import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';

/** One request the bin sent: the DynamoDB operation (from X-Amz-Target) and its table. */
export interface ProxiedRequest {
  readonly operation: string;
  readonly table?: string;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a local DynamoDB server: the bin's `--endpoint` points
 * at it, and it records every operation the bin sends — what AWS would authorise, whatever the
 * bin is built with. Operations in `refuse` get the AccessDeniedException AWS sends for an action
 * the caller's policy lacks (its message names the action), and never reach the server.
 *
 * @example
 * ```ts
 * const proxy = await recordingProxy(target.endpoint!, { refuse: ['UpdateItem'] });
 * await runBin(['--endpoint', proxy.endpoint, '--table', 't', 'release', 'job', '--force', '--yes'], { env });
 * proxy.requests(); // [{ operation: 'GetItem', table: 't' }, { operation: 'UpdateItem', table: 't' }]
 * ```
 */
export async function recordingProxy(
  target: string,
  options: { refuse?: readonly string[] } = {},
): Promise<{ endpoint: string; requests(): ProxiedRequest[]; clear(): void; close(): Promise<void> }> {
  const seen: ProxiedRequest[] = [];
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      const table = (JSON.parse(body.toString('utf8') || '{}') as { TableName?: string }).TableName;
      seen.push({ operation, ...(table !== undefined && { table }) });
      if (options.refuse?.includes(operation)) {
        const action = `dynamodb:${operation}`;
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(
          JSON.stringify({
            __type: 'com.amazon.coral.service#AccessDeniedException',
            message:
              `User: arn:aws:sts::111122223333:assumed-role/on-call/alice is not authorized to perform: ${action} on resource:` +
              ` arn:aws:dynamodb:us-east-1:111122223333:table/${table} because no identity-based policy allows the ${action} action`,
          }),
        );
        return;
      }
      const forward = request(
        { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => [...seen],
    clear: () => {
      seen.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For the construct's least-privilege check (`npm run test:least-privilege -w construct` sets
 * DDB_LOCK_RECORD_ACTIONS): writes what the operator commands sent, one JSON line per request,
 * as `sender: 'operator'`. Does nothing in a plain test run.
 *
 * @example
 * ```ts
 * after(() => recordOperatorActions(import.meta.url, proxy.requests()));
 * ```
 */
export function recordOperatorActions(testFileUrl: string, requests: readonly ProxiedRequest[]): void {
  const folder = process.env.DDB_LOCK_RECORD_ACTIONS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  const testFile = `cli/test/${basename(new URL(testFileUrl).pathname)}`;
  const lines = requests.map((r) => `${JSON.stringify({ testFile, sender: 'operator', ...r })}\n`).join('');
  appendFileSync(join(folder, `cli-${process.pid}.jsonl`), lines);
}
