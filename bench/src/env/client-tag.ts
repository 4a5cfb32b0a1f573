/**
 * Clients carry a tag in their user agent so the proxy can count one client's requests apart
 * from another's in the same window (a waiter's attempt apart from the holder's heartbeats).
 * Both SDK majors append `customUserAgent` to the User-Agent header.
 */
export const DEFAULT_TAG = 'main';

export function userAgentTag(tag: string): string {
  return `ddb-lock-bench/${tag}`;
}

/** The tag in a request's user-agent headers, or the default. */
export function tagOf(userAgents: readonly (string | undefined)[]): string {
  for (const ua of userAgents) {
    const match = ua && /ddb-lock-bench\/([\w-]+)/.exec(ua);
    if (match) return match[1]!;
  }
  return DEFAULT_TAG;
}
