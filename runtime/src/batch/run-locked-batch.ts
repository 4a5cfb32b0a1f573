import { LockLostError } from '../errors.js';
import { InvocationDeadline } from '../lambda/invocation-deadline.js';
import type { LambdaContext as Context } from '../lambda/lambda-context.js';
import { type KeyLabels, resolveKey } from '../lambda/resolve-key.js';
import { lockView } from '../lock/lock-view.js';
import { BatchOrderError } from './batch-order-error.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { type HoldSettings, type KeyHold, KeyHolds } from './key-holds.js';
import type { LockedRecordHandler, RecordKeyFn } from './locked-batch-options.js';
import { isStream, type RecordSource } from './record-source.js';

const KEY_LABELS: KeyLabels = { fn: 'record key function', key: 'record key', sortKey: 'record sortKey' };

/**
 * One record of a batch with its source.
 *
 * @example
 * ```ts
 * const entry: BatchEntry<SQSRecord> = { record, source: describeRecord(record) };
 * ```
 */
export interface BatchEntry<TRecord> {
  readonly record: TRecord;
  readonly source: RecordSource;
}

/**
 * How one record ended: its handler's result, or why it failed (and is delivered again).
 *
 * @example
 * ```ts
 * const failed = outcomes.filter((o): o is Extract<RecordOutcome, { ok: false }> => !o.ok);
 * ```
 */
export type RecordOutcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * Settings of one batch run.
 *
 * @example
 * ```ts
 * const settings: BatchSettings<SQSRecord> = { client, waitMs: 0, onBusy: 'fail', concurrency: 10, marginMs: 1_000 };
 * ```
 */
export interface BatchSettings<TRecord> extends HoldSettings<TRecord> {
  readonly concurrency: number;
  readonly marginMs: number;
}

/**
 * Runs a batch with one hold per key. Records of a key run in order under one hold; keys run in
 * parallel up to `concurrency`. Ordering rules: in an SQS FIFO message group, a failure fails the
 * rest of the group; in a stream batch (Kinesis, DynamoDB Streams), every key is acquired before
 * any record runs and a failure fails every later record (the checkpoint stops at the lowest
 * failure, so they are delivered again anyway). At remaining time − margin the records not done
 * fail with LockDeadlineError and every hold is released; the answer comes before the hard timeout.
 *
 * @example
 * ```ts
 * const outcomes = await runLockedBatch(entries, (r) => r.body, handle, settings, context);
 * ```
 */
export async function runLockedBatch<TRecord>(
  entries: readonly BatchEntry<TRecord>[],
  keyFn: RecordKeyFn<TRecord>,
  handler: LockedRecordHandler<TRecord>,
  settings: BatchSettings<TRecord>,
  context: Context | undefined,
): Promise<RecordOutcome[]> {
  const deadline = new InvocationDeadline(context, settings.marginMs, 'record not run or not finished');
  const holds = new KeyHolds(settings, deadline);
  const limit = new ConcurrencyLimit(settings.concurrency);
  const n = entries.length;
  const outcomes: Array<RecordOutcome | undefined> = new Array(n);
  const settled = entries.map(() => deferred());
  const releases: Promise<unknown>[] = [];
  const stream = entries.some((e) => isStream(e.source.kind));
  const groupFailures = new Map<string, unknown>();
  let cutoff = Number.POSITIVE_INFINITY;

  const keys = await Promise.all(
    entries.map((e) =>
      resolveKey(KEY_LABELS, keyFn, e.record, context).then(
        (key) => ({ key, id: JSON.stringify([key.key, key.sortKey ?? null]) }),
        (error: unknown) => ({ error }),
      ),
    ),
  );
  // Per key: records left, and each record's predecessor of the same key and message group.
  const left = new Map<string, number>();
  const previousOfKey: Array<number | undefined> = [];
  const previousOfGroup: Array<number | undefined> = [];
  const lastOfKey = new Map<string, number>();
  const lastOfGroup = new Map<string, number>();
  keys.forEach((k, i) => {
    if ('id' in k) {
      left.set(k.id, (left.get(k.id) ?? 0) + 1);
      previousOfKey[i] = lastOfKey.get(k.id);
      lastOfKey.set(k.id, i);
    }
    const group = entries[i]!.source.group;
    if (group !== undefined) {
      previousOfGroup[i] = lastOfGroup.get(group);
      lastOfGroup.set(group, i);
    }
  });

  const settle = (i: number, outcome: RecordOutcome): void => {
    if (outcomes[i]) return;
    outcomes[i] = outcome;
    if (!outcome.ok) {
      if (stream) cutoff = Math.min(cutoff, i);
      const group = entries[i]!.source.group;
      if (group !== undefined && !groupFailures.has(group)) groupFailures.set(group, outcome.error);
    }
    settled[i]!.resolve();
  };
  /** One record of the key is done; after the last, the hold goes. False when it had been lost. */
  const finishKey = (i: number): Promise<boolean> => {
    const k = keys[i]!;
    if (!('id' in k)) return Promise.resolve(true);
    const count = left.get(k.id)! - 1;
    left.set(k.id, count);
    return count === 0 ? holds.release(k.id) : Promise.resolve(true);
  };
  const fail = (i: number, error: unknown): void => {
    if (outcomes[i]) return;
    settle(i, { ok: false, error });
    releases.push(finishKey(i));
  };
  /** Why record i may not run because of an earlier failure, if it may not. */
  const heldBack = (i: number): BatchOrderError | undefined => {
    const group = entries[i]!.source.group;
    if (group !== undefined && groupFailures.has(group)) {
      return new BatchOrderError(`an earlier record of message group ${group} failed; held back to keep the group's order`, {
        cause: groupFailures.get(group),
      });
    }
    if (i > cutoff) {
      const earlier = outcomes[cutoff];
      return new BatchOrderError(
        `record ${cutoff} of this stream batch failed; the checkpoint stops there, so later records are delivered again`,
        { cause: earlier && !earlier.ok ? earlier.error : undefined },
      );
    }
    return undefined;
  };

  const run = async (i: number): Promise<void> => {
    await settled[previousOfKey[i] ?? -1]?.promise;
    await settled[previousOfGroup[i] ?? -1]?.promise;
    const k = keys[i]!;
    if (!('id' in k)) return fail(i, k.error);
    await limit.run(async () => {
      if (outcomes[i]) return; // the deadline came first
      const blocker = heldBack(i);
      if (blocker) return fail(i, blocker);
      if (!deadline.canStart()) return fail(i, deadline.error());
      let hold: KeyHold;
      try {
        hold = await holds.ensure(k.id, k.key, entries[i]!.record);
      } catch (error) {
        return fail(i, error);
      }
      if (outcomes[i]) return;
      const signal = AbortSignal.any([hold.controller.signal, deadline.signal]);
      let outcome: RecordOutcome;
      try {
        const result = await handler(
          entries[i]!.record,
          lockView(hold.lock, signal, () => deadline.budgetMs()),
        );
        outcome = hold.lost ? { ok: false, error: hold.lost } : { ok: true, result };
      } catch (error) {
        outcome = { ok: false, error: hold.lost ?? error };
      }
      const kept = await finishKey(i);
      if (outcome.ok && !kept) {
        outcome = { ok: false, error: new LockLostError(`lock ${k.key.key} was lost while record ${i} ran`, k.key.key, 'stolen') };
      }
      settle(i, outcome);
    });
  };

  const work = async (): Promise<void> => {
    keys.forEach((k, i) => {
      if (!('id' in k)) fail(i, k.error);
    });
    if (stream) {
      // Every key before any record runs: a busy key cuts the batch at its first record, and no
      // record after the cut runs only to be delivered again.
      const firstOf = new Map<string, number>();
      keys.forEach((k, i) => {
        if ('id' in k && !firstOf.has(k.id)) firstOf.set(k.id, i);
      });
      await Promise.all(
        [...firstOf.values()]
          .filter((i) => i < cutoff)
          .map((i) =>
            limit.run(async () => {
              const k = keys[i] as { id: string; key: { key: string; sortKey?: string } };
              await holds.ensure(k.id, k.key, entries[i]!.record).catch((error: unknown) => fail(i, error));
            }),
          ),
      );
    }
    await Promise.all(entries.map((_, i) => run(i).catch((error: unknown) => fail(i, error))));
  };

  const reached = new Promise<void>((resolve) => deadline.signal.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([work(), reached]);
    if (deadline.signal.aborted) for (let i = 0; i < n; i++) if (!outcomes[i]) settle(i, { ok: false, error: deadline.signal.reason });
    await Promise.all(releases);
  } finally {
    await holds.releaseAll();
    deadline.dispose();
  }
  return outcomes as RecordOutcome[];
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
