/**
 * The bits of DynamoDB's JSON wire protocol the proxy needs: which operation a request is, which
 * error bodies the SDK recognises, and what an applied write tells us about the server's truth.
 */

type Av = { S?: string; N?: string; BOOL?: boolean };
type Json = { [k: string]: unknown };

/** `DynamoDB_20120810.UpdateItem` → `UpdateItem`. */
export function operationOf(target: string | string[] | undefined): string {
  const t = Array.isArray(target) ? target[0] : target;
  return t?.split('.').pop() ?? 'unknown';
}

/**
 * Error responses as DynamoDB sends them: the SDK reads the name after `#` in `__type`, and
 * treats these as retryable (throttling, 5xx), exactly as it would from the real service.
 */
export function errorResponse(kind: 'throttle' | 'error5xx', pick: number): { status: number; body: string } {
  const variants =
    kind === 'throttle'
      ? [
          {
            status: 400,
            type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded. (injected)',
          },
          {
            status: 400,
            type: 'com.amazon.coral.availability#ThrottlingException',
            message: 'Rate of requests exceeds the allowed throughput. (injected)',
          },
        ]
      : [
          { status: 500, type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error (injected)' },
          { status: 503, type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable', message: 'Service unavailable (injected)' },
        ];
  const v = variants[Math.floor(pick * variants.length)]!;
  return { status: v.status, body: JSON.stringify({ __type: v.type, message: v.message }) };
}

/** One write the server applied, as the proxy saw it (whether or not the client heard). */
export interface AppliedWrite {
  /** Monotonic ms when the server's answer reached the proxy: an upper bound of when it applied. */
  readonly t: number;
  readonly worker: number | undefined;
  readonly table: string;
  readonly pk: string;
  readonly kind: 'acquire' | 'heartbeat' | 'release' | 'rmw' | 'fenced' | 'other';
  /** Fence of the grant (acquire: the new token; heartbeat/release: the one conditioned on; fenced: the writer's). */
  readonly fence?: number;
  readonly owner?: string;
  /** Server-side sequence number of resource writes: their true order. */
  readonly seq?: number;
  /** Value written by an unfenced read-modify-write. */
  readonly value?: number;
  /** Who wrote a resource item (`worker:fence`). */
  readonly writer?: string;
  /** Sent by the proxy on its own schedule (late or replayed), not when the client sent it. */
  readonly delayed?: 'late' | 'replay';
  /** Record version an acquire or heartbeat wrote (a late or replayed copy writes its original's). */
  readonly rvn?: string;
  /**
   * The server's own order of the request (moto through tools/local-dynamo stamps it inside its
   * lock: X-Local-Dynamo-Seq). `t` is when the answer reached the proxy, and two answers of
   * requests served back to back can arrive in either order.
   */
  readonly serverSeq?: number;
}

/**
 * The applied writes in the server's order when the server stamped every one (moto), else as the
 * proxy saw their answers (dynalite). Checkers read `applied` in array order.
 *
 * @example
 * ```ts
 * const record = { ...record, applied: inServerOrder(proxy.applied) };
 * ```
 */
export function inServerOrder(applied: readonly AppliedWrite[]): AppliedWrite[] {
  if (applied.length === 0 || applied.some((w) => w.serverSeq === undefined)) return [...applied];
  return [...applied].sort((a, b) => a.serverSeq! - b.serverSeq!);
}

const num = (v: unknown) => (v && typeof (v as Av).N === 'string' ? Number((v as Av).N) : undefined);
const str = (v: unknown) => (v && typeof (v as Av).S === 'string' ? (v as Av).S : undefined);

/** Classifies a successful write from its request and response bodies. */
export function appliedWrite(
  t: number,
  worker: number | undefined,
  op: string,
  request: Json,
  response: Json,
  delayed?: 'late' | 'replay',
  serverSeq?: number,
): AppliedWrite | undefined {
  if (op !== 'UpdateItem' && op !== 'PutItem' && op !== 'DeleteItem') return undefined;
  const table = String(request.TableName);
  const pk = str((request.Key as Json | undefined)?.pk) ?? str((request.Item as Json | undefined)?.pk) ?? '?';
  const values = (request.ExpressionAttributeValues ?? {}) as Json;
  const attrs = (response.Attributes ?? {}) as Json;
  const base = { t, worker, table, pk, ...(delayed && { delayed }), ...(serverSeq !== undefined && { serverSeq }) };
  if (':fenceBase' in values)
    return { ...base, kind: 'acquire', fence: num(attrs.fence), owner: str(attrs.owner), rvn: str(values[':rvn']) };
  if (':ddbLockFence' in values) {
    return { ...base, kind: 'fenced', fence: num(values[':ddbLockFence']), seq: num(attrs.seq), writer: str(attrs.writer) };
  }
  if (':rmwValue' in values)
    return { ...base, kind: 'rmw', value: num(values[':rmwValue']), seq: num(attrs.seq), writer: str(attrs.writer) };
  if (':fence' in values && ':owner' in values) {
    const kind = op === 'DeleteItem' || ':true' in values ? 'release' : 'heartbeat';
    return {
      ...base,
      kind,
      fence: num(values[':fence']),
      owner: str(values[':owner']),
      ...(kind === 'heartbeat' && { rvn: str(values[':rvn']) }),
    };
  }
  return { ...base, kind: 'other' };
}
