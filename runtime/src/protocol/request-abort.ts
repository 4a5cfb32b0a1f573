import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * How one request is aborted at its deadline: the signal handed to the SDK (and to the pauses
 * between retries), and the switch that fires it.
 *
 * @example
 * ```ts
 * const request = requestAbort(ddb);
 * setTimeout(() => request.abort(new Error('deadline')), 250);
 * await ddb.send(command, { abortSignal: request.signal });
 * ```
 */
export interface RequestAbort {
  readonly signal: AbortSignal;
  readonly aborted: boolean;
  readonly reason: unknown;
  abort(reason: unknown): void;
}

/**
 * Node's own AbortSignal is an EventTarget: every request paid for a controller, and the SDK's
 * HTTP handler and retry `race` each registered and removed an `abort` listener through it — 50 to
 * 100 µs of CPU per acquire+release, the largest part of the client's overhead over the raw SDK
 * (issue 10, measured with `node --cpu-prof`). The SDK only needs `aborted`, `reason` and either
 * `addEventListener` or `onabort` (@smithy/types' AbortSignal), which a plain object gives for
 * next to nothing.
 */
class PlainAbort implements RequestAbort {
  aborted = false;
  reason: unknown;
  onabort: (() => void) | null = null;
  private listeners: (() => void)[] | undefined;

  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.listeners) this.listeners.push(listener);
    else this.listeners = [listener];
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.listeners?.indexOf(listener) ?? -1;
    if (at >= 0) this.listeners?.splice(at, 1);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
    this.onabort?.();
  }
}

/** A real AbortController, for request handlers that need one (see {@link requestAbort}). */
class ControllerAbort implements RequestAbort {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;

  get aborted(): boolean {
    return this.signal.aborted;
  }

  get reason(): unknown {
    return this.signal.reason;
  }

  abort(reason: unknown): void {
    this.controller.abort(reason);
  }
}

// The SDK's Node handlers (http/1.1 and h2) use the signal only as above. Any other handler —
// FetchHttpHandler hands the signal to fetch(), which accepts only a real AbortSignal, or a
// custom one — gets a real controller.
const PLAIN_SIGNAL_HANDLERS = new Set(['http/1.1', 'h2']);
const takesPlainSignal = new WeakMap<DynamoDBClient, boolean>();

/**
 * A fresh abort switch for one request on `client`: a plain object where the client's request
 * handler is one of the SDK's Node handlers, a real AbortController otherwise.
 *
 * @example
 * ```ts
 * const request = requestAbort(ddb);
 * await ddb.send(command, { abortSignal: request.signal });
 * ```
 */
export function requestAbort(client: DynamoDBClient): RequestAbort {
  let plain = takesPlainSignal.get(client);
  if (plain === undefined) {
    const handler = (client as { config?: { requestHandler?: { metadata?: { handlerProtocol?: string } } } }).config?.requestHandler;
    plain = PLAIN_SIGNAL_HANDLERS.has(handler?.metadata?.handlerProtocol ?? '');
    takesPlainSignal.set(client, plain);
  }
  return plain ? new PlainAbort() : new ControllerAbort();
}
