/**
 * The TTL attribute's value: epoch *seconds*, `retentionMs` after `wallMs`. DynamoDB ignores TTL
 * values in milliseconds (they look far in the future), a bug older lock clients shipped.
 *
 * @example
 * ```ts
 * ttlSeconds(Date.now() + 20_000, 86_400_000);
 * ```
 */
export function ttlSeconds(wallMs: number, retentionMs: number): number {
  return Math.ceil((wallMs + retentionMs) / 1000);
}
