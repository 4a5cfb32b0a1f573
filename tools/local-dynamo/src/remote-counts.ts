import { COUNTS_PATH, FAILED_CONDITIONS_PATH, type RequestCounts, type TaggedCounts } from './counting-proxy.ts';

/**
 * A counting proxy's counts read over HTTP, for a process that does not hold the proxy (the
 * bench keeps server and proxy in a child process so their CPU is not charged to the client).
 *
 * @example
 * ```ts
 * const before = await remoteCounts(endpoint, 'counts', 'main');
 * ```
 */
export async function remoteCounts(endpoint: string, which: 'counts' | 'failedConditions', tag: string): Promise<RequestCounts> {
  const response = await fetch(`${endpoint}${which === 'counts' ? COUNTS_PATH : FAILED_CONDITIONS_PATH}`);
  return ((await response.json()) as TaggedCounts)[tag] ?? {};
}
