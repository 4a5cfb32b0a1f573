/**
 * Waits `ms`. Rejects with the signal's reason when aborted, and clears its timer. The timer is
 * ref'd: every caller awaits it (a poll while waiting, a pause between retries), bounded by a
 * wait or a request deadline, and an unref'd one let Node exit in the middle of the awaited call
 * when nothing else was pending — silently, with the caller's code after `await` never run.
 * Background timers (heartbeats, expiry) are the unref'd ones.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Full-jitter exponential backoff: attempt 0 waits up to `baseMs`, doubling up to `capMs`, and at
 * least half of it so waiters don't hammer the table when jitter rolls low.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}
