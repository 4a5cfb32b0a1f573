import type { AppliedWrite } from '../../src/dynamo-wire.js';

/**
 * One write the server applied to lock item `k0` of table `locks`, owned by `w<worker>`, for the
 * checkers' unit tests (`extra`: a record version, a server order, a delay).
 *
 * @example
 * ```ts
 * const applied = [lockWrite(0, 1, 'acquire', 1, { rvn: 'X' }), lockWrite(100, 1, 'release', 1)];
 * ```
 */
export function lockWrite(
  t: number,
  worker: number,
  kind: AppliedWrite['kind'],
  fence: number,
  extra: Partial<AppliedWrite> = {},
): AppliedWrite {
  return { t, worker, table: 'locks', pk: 'k0', kind, fence, owner: `w${worker}`, ...extra };
}
