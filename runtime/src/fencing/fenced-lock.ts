/**
 * What `fencedWrite` and `guardedTransaction` take: a lock handed out by `LockClient.acquire` /
 * `tryAcquire` (a `Lock`), or the middleware's `context.lock`. The lock knows the client that
 * acquired it; anything else is refused with LockValidationError before any request.
 *
 * @example
 * ```ts
 * const target: FencedLock = await client.acquire('invoice-42');
 * await fencedWrite(target, { put: { TableName: 'invoices', Item: { pk: { S: 'invoice-42' } } } });
 * ```
 */
export interface FencedLock {
  readonly key: string;
  /** The token the protected writes carry. */
  readonly fence: number;
  /** Aborts the write when the lock is lost. */
  readonly signal: AbortSignal;
  /** False once the lock may have been lost: the write is then refused before any request. */
  isValid(): boolean;
}
