import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LockTableNotFoundError, LockUnavailableError } from '../errors.js';
import { type RequestAbort, requestAbort } from './request-abort.js';
import { backoffMs, sleep } from './sleep.js';

// Refused before being applied, so the same request may go again. ReplicatedWriteConflictException
// is contention on a multi-Region strongly consistent table: another Region is writing the item.
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'ReplicatedWriteConflictException',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'UND_ERR_SOCKET']);

/** Errors worth retrying: throttling, 5xx, and transport failures (the write may have landed). */
export function isTransient(error: unknown): boolean {
  const e = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
  };
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'AbortError') return false;
  if (e.name && THROTTLING.has(e.name)) return true;
  if (e.$retryable) return true;
  // A signature refused for clock skew: the SDK has corrected its offset, the next try signs right
  // (with maxAttempts 1 the SDK no longer makes that try itself).
  if (e.$metadata?.clockSkewCorrected) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (e.code && NETWORK.has(e.code)) return true;
  return e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'InternalServerError' || e.name === 'ServiceUnavailable';
}

/** Did the request possibly reach the server? Then the outcome is ambiguous, not a clean failure. */
export function isAmbiguous(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  const name = (error as { name?: string })?.name;
  if (name && THROTTLING.has(name)) return false; // throttled requests were not applied
  return status === undefined || status >= 500;
}

/** Shortest pause between two tries of one request. */
const MIN_PAUSE_MS = 4;

/**
 * Sends one command with its own deadline covering every retry: throttling, 5xx and transport
 * errors are retried with jittered backoff until `deadlineMs`, after which the request is aborted
 * — an SDK retry must never outlive the lease it is trying to protect. Other errors (including a
 * failed condition) are returned at once.
 */
export async function sendWithDeadline<T>(client: DynamoDBClient, command: object, deadlineMs: number, parent?: AbortSignal): Promise<T> {
  // No closure per request (the timer gets its arguments): every acquire and release sends two.
  const request = requestAbort(client);
  const end = performance.now() + deadlineMs;
  const timer = setTimeout(abortAtDeadline, Math.max(1, deadlineMs), request, deadlineMs);
  timer.unref?.();
  const onParentAbort = parent && (() => request.abort(parent.reason));
  if (onParentAbort) {
    parent.addEventListener('abort', onParentAbort, { once: true });
    if (parent.aborted) onParentAbort();
  }
  let lastError: unknown;
  let ambiguous = false;
  try {
    for (let attempt = 0; ; attempt++) {
      if (request.aborted) throw giveUp(command, parent, lastError ?? request.reason, ambiguous);
      try {
        return (await client.send(command as never, { abortSignal: request.signal })) as T;
      } catch (error) {
        if ((error as { name?: string }).name === 'ResourceNotFoundException') {
          throw new LockTableNotFoundError(`lock table not found: ${(error as Error).message}`, { cause: error });
        }
        if (request.aborted) {
          // aborted mid-flight: the server may have applied it
          throw giveUp(command, parent, lastError ?? error, true);
        }
        if (!isTransient(error)) throw error;
        ambiguous ||= isAmbiguous(error);
        lastError = error;
        // Cap the pause at a fraction of the time left: as the deadline (for a heartbeat, the end
        // of validity) nears, retries come closer together, so a storm that ends just before it
        // still lets one land (L2). The floor keeps the last few milliseconds from spinning.
        const left = end - performance.now();
        await sleep(backoffMs(attempt, 25, Math.min(1_000, Math.max(MIN_PAUSE_MS, left / 8))), request.signal).catch(() => undefined);
      }
    }
  } finally {
    clearTimeout(timer);
    if (onParentAbort) parent?.removeEventListener('abort', onParentAbort);
  }
}

function abortAtDeadline(request: RequestAbort, deadlineMs: number): void {
  request.abort(new Error(`request deadline of ${deadlineMs} ms passed`));
}

/** The caller's own abort as it is; otherwise the deadline, as LockUnavailableError. */
function giveUp(command: object, parent: AbortSignal | undefined, cause: unknown, ambiguous: boolean): unknown {
  if (parent?.aborted) return parent.reason;
  const name = command.constructor?.name ?? 'request';
  return new LockUnavailableError(`${name} did not complete within its deadline`, { cause, ambiguous });
}
