import { LockLostError, type LockLostReason, LockUnavailableError } from '../errors.js';

/**
 * The class of what failed, for low-cardinality reporting: the SDK's error name (throttling, a
 * 5xx, a timeout) under a LockUnavailableError, so "DynamoDB unreachable" reads apart from others.
 *
 * @example
 * ```ts
 * errorClassOf(new LockUnavailableError('heartbeat failed', { cause: throttled })); // 'ThrottlingException'
 * ```
 */
export function errorClassOf(error: unknown): string {
  const root = error instanceof LockUnavailableError && error.cause instanceof Error ? error.cause : error;
  return root instanceof Error ? root.name : typeof root;
}

/** What a LockLostError says for each reason (module-private: callers build the error with lostError). */
function lostMessage(key: string, reason: LockLostReason): string {
  switch (reason) {
    case 'stolen':
      return `lock ${key} is held by someone else now (or was removed)`;
    case 'expired':
      return `lock ${key} expired: no heartbeat was confirmed within its validity`;
    case 'superseded':
      return `lock ${key} was re-acquired by this owner; this handle is stale`;
    case 'closed':
      return `lock ${key} was abandoned by close({ release: false }); it expires after its lease`;
  }
}

/**
 * The LockLostError of one lock, with its reason's message (after `prefix: ` when given).
 *
 * @example
 * ```ts
 * throw lostError('job', 'stolen', 'cannot heartbeat');
 * ```
 */
export function lostError(key: string, reason: LockLostReason, prefix?: string, cause?: unknown): LockLostError {
  const message = prefix === undefined ? lostMessage(key, reason) : `${prefix}: ${lostMessage(key, reason)}`;
  return new LockLostError(message, key, reason, cause === undefined ? undefined : { cause });
}

/**
 * What a failed heartbeat is reported as: a LockUnavailableError, the failure itself when it is one.
 *
 * @example
 * ```ts
 * lock.emit('heartbeatError', heartbeatFailure(error));
 * ```
 */
export function heartbeatFailure(error: unknown): LockUnavailableError {
  return error instanceof LockUnavailableError ? error : new LockUnavailableError('heartbeat failed', { cause: error });
}
