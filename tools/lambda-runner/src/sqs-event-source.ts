import type { SQSRecord } from 'aws-lambda';
import type { LocalQueue } from './local-queue.ts';

/**
 * How one invocation of a batch ended, as the event source mapping sees it.
 *
 * @example
 * ```ts
 * const ended: BatchInvocation = { status: 'ok', result: { batchItemFailures: [] } };
 * ```
 */
export interface BatchInvocation {
  readonly status: 'ok' | 'error' | 'timeout' | 'crashed';
  readonly result?: unknown;
}

/**
 * What the mapping did: invocations by outcome, records deleted and failed, and each
 * message's deliveries.
 *
 * @example
 * ```ts
 * console.log(stats.invocations, stats.reportedFailures, Math.max(...stats.deliveries.values()));
 * ```
 */
export interface EventSourceStats {
  invocations: number;
  okInvocations: number;
  /** Invocations that errored, timed out or crashed: their whole batch comes back. */
  failedInvocations: number;
  /** Records named in batchItemFailures. */
  reportedFailures: number;
  /** Records deleted after a successful invocation. */
  deleted: number;
  /** Deliveries per messageId. */
  readonly deliveries: Map<string, number>;
}

/**
 * Options of {@link drainQueue}: what the template's `AWS::Lambda::EventSourceMapping` says, and
 * how many pollers (concurrent invocations) to run.
 *
 * @example
 * ```ts
 * const options: EventSourceOptions = { batchSize: 10, reportBatchItemFailures: true, concurrency: 3 };
 * ```
 */
export interface EventSourceOptions {
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
  readonly concurrency: number;
  /** Give up (throw) after this long; the queue should have drained. */
  readonly maxMs?: number;
}

/**
 * Emulates Lambda's SQS event source mapping until the queue is empty: `concurrency` pollers
 * each receive up to `batchSize` messages, invoke with `{ Records }`, and then — like Lambda —
 * delete the whole batch after a successful invocation, or with `ReportBatchItemFailures` every
 * record except those named in `batchItemFailures` (an answer naming an unknown or empty
 * identifier fails the whole batch). An invocation that errors, times out or crashes deletes
 * nothing: its messages come back after the visibility timeout.
 *
 * @example
 * ```ts
 * const stats = await drainQueue(queue, (event) => fn.invoke(event), { batchSize: 10, reportBatchItemFailures: true, concurrency: 2 });
 * ```
 */
export async function drainQueue(
  queue: LocalQueue,
  invoke: (event: { Records: SQSRecord[] }) => Promise<BatchInvocation>,
  options: EventSourceOptions,
): Promise<EventSourceStats> {
  const stats: EventSourceStats = {
    invocations: 0,
    okInvocations: 0,
    failedInvocations: 0,
    reportedFailures: 0,
    deleted: 0,
    deliveries: new Map(),
  };
  const giveUpAt = Date.now() + (options.maxMs ?? 120_000);
  const poller = async (): Promise<void> => {
    while (queue.size > 0) {
      if (Date.now() > giveUpAt) throw new Error(`queue not drained in ${options.maxMs ?? 120_000} ms: ${queue.size} messages left`);
      const records = queue.receive(options.batchSize);
      if (records.length === 0) {
        // Nothing visible: wait for the next message to come back (bounded, so a poller notices an empty queue).
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(5, queue.nextVisibleInMs()))));
        continue;
      }
      for (const r of records) stats.deliveries.set(r.messageId, (stats.deliveries.get(r.messageId) ?? 0) + 1);
      stats.invocations++;
      const ended = await invoke({ Records: records });
      if (ended.status !== 'ok') {
        stats.failedInvocations++;
        continue;
      }
      stats.okInvocations++;
      const failed = options.reportBatchItemFailures ? failedIds(ended.result, records) : new Set<string>();
      if (failed === undefined) {
        stats.reportedFailures += records.length;
        continue;
      }
      stats.reportedFailures += failed.size;
      const done = records.filter((r) => !failed.has(r.messageId));
      queue.delete(done.map((r) => r.receiptHandle));
      stats.deleted += done.length;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, poller));
  return stats;
}

/** The identifiers a partial batch response names; undefined when Lambda would fail the whole batch. */
function failedIds(result: unknown, records: readonly SQSRecord[]): Set<string> | undefined {
  if (result === null || result === undefined) return new Set();
  const items = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (items === undefined || items === null) return new Set();
  if (!Array.isArray(items)) return undefined;
  const ids = new Set<string>();
  for (const item of items) {
    const id = (item as { itemIdentifier?: unknown })?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !records.some((r) => r.messageId === id)) return undefined;
    ids.add(id);
  }
  return ids;
}
