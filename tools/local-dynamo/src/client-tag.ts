/**
 * Clients carry a tag in their user agent so the counting proxy can count one client's requests
 * apart from another's in the same window (a waiter's attempt apart from the holder's
 * heartbeats). Both SDK majors append `customUserAgent` to the User-Agent header.
 *
 * @example
 * ```ts
 * new DynamoDBClient({ endpoint: proxy.endpoint, customUserAgent: userAgentTag('waiter') });
 * proxy.counts('waiter'); // { UpdateItem: 1 }
 * ```
 */
export function userAgentTag(tag: string): string {
  return `ddb-lock-bench/${tag}`;
}

/**
 * The tag of requests whose user agent carries none.
 *
 * @example
 * ```ts
 * proxy.counts(DEFAULT_TAG);
 * ```
 */
export const DEFAULT_TAG = 'main';

/**
 * The tag in a request's user-agent headers, or {@link DEFAULT_TAG}.
 *
 * @example
 * ```ts
 * tagOf(['aws-sdk-js/3 ddb-lock-bench/waiter']); // 'waiter'
 * ```
 */
export function tagOf(userAgents: readonly (string | undefined)[]): string {
  for (const ua of userAgents) {
    const match = ua && /ddb-lock-bench\/([\w-]+)/.exec(ua);
    if (match) return match[1]!;
  }
  return DEFAULT_TAG;
}
