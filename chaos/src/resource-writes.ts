import { type DynamoDBClient, GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { fencedWrite, type Lock, StaleFenceError } from '../../runtime/src/index.js';
import type { WorkerEvent } from './history.js';
import type { WorkerConfig } from './worker-config.js';

/**
 * A worker's critical section on the resource table: an unfenced read-modify-write (two
 * overlapping holders make it lose an update) and a fenced write (the table must refuse a stale
 * token). Each logs what it did for the checker.
 *
 * @example
 * ```ts
 * const { readModifyWrite, fenced } = resourceWrites(ddb, cfg, log);
 * await readModifyWrite(lock, 'k3');
 * await fenced(lock, 'k3');
 * ```
 */
export function resourceWrites(ddb: DynamoDBClient, cfg: WorkerConfig, log: (e: WorkerEvent) => void) {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Bounded by the lock's remaining validity: a side effect must not outlive the lock. */
  function withinValidity(lock: Lock): AbortSignal {
    return AbortSignal.any([lock.signal, AbortSignal.timeout(Math.max(1, Math.ceil(lock.remainingMs)))]);
  }

  function resourceUpdate(
    pk: string,
    writer: string,
    set: string,
    values: UpdateItemCommandInput['ExpressionAttributeValues'],
  ): UpdateItemCommandInput {
    return {
      TableName: cfg.resourceTable,
      Key: { pk: { S: pk } },
      UpdateExpression: `SET #writer = :writer, #seq = if_not_exists(#seq, :zero) + :one${set}`,
      ExpressionAttributeNames: { '#writer': 'writer', '#seq': 'seq', ...(set && { '#v': 'v' }) },
      ExpressionAttributeValues: { ':writer': { S: writer }, ':zero': { N: '0' }, ':one': { N: '1' }, ...values },
      ReturnValues: 'ALL_NEW',
    };
  }

  /** Unfenced read-modify-write: two overlapping holders make it lose an update. */
  async function readModifyWrite(lock: Lock, key: string): Promise<void> {
    const ctx = { key, fence: lock.fence };
    if (!lock.isValid()) {
      log({ ev: 'cs-skip', ...ctx, step: 'rmw-read' });
      return;
    }
    let read: number;
    try {
      const got = await ddb.send(
        new GetItemCommand({ TableName: cfg.resourceTable, Key: { pk: { S: `rmw-${key}` } }, ConsistentRead: true }),
        { abortSignal: withinValidity(lock) },
      );
      read = Number(got.Item?.v?.N ?? 0);
    } catch (e) {
      log({ ev: 'rmw', ...ctx, read: -1, outcome: `read-${(e as Error).name}` });
      return;
    }
    if (cfg.csMs > 0) await sleep(cfg.csMs);
    if (!lock.isValid()) {
      log({ ev: 'cs-skip', ...ctx, step: 'rmw-write' });
      return;
    }
    const outcome = await ddb
      .send(
        new UpdateItemCommand(
          resourceUpdate(`rmw-${key}`, `w${cfg.id}:${lock.fence}`, ', #v = :rmwValue', { ':rmwValue': { N: String(read + 1) } }),
        ),
        { abortSignal: withinValidity(lock) },
      )
      .then(
        () => 'ok',
        (e: Error) => e.name,
      );
    log({ ev: 'rmw', ...ctx, read, outcome });
  }

  /** Token-checked write. A careless holder skips every local check: the table alone must refuse it. */
  async function fenced(lock: Lock, key: string): Promise<void> {
    const ctx = { key, fence: lock.fence };
    const input = resourceUpdate(`fenced-${key}`, `w${cfg.id}:${lock.fence}`, '', {});
    if (cfg.careless) {
      const outcome = await ddb
        .send(
          new UpdateItemCommand({
            ...input,
            ConditionExpression: 'attribute_not_exists(#ddbLockFence) OR #ddbLockFence <= :ddbLockFence',
            UpdateExpression: `${input.UpdateExpression}, #ddbLockFence = :ddbLockFence`,
            ExpressionAttributeNames: { ...input.ExpressionAttributeNames, '#ddbLockFence': 'lockFence' },
            ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':ddbLockFence': { N: String(lock.fence) } },
          }),
          { abortSignal: AbortSignal.timeout(cfg.requestTimeoutMs) },
        )
        .then(
          () => 'ok',
          (e: Error) => (e.name === 'ConditionalCheckFailedException' ? 'stale' : e.name),
        );
      log({ ev: 'fenced', ...ctx, outcome, careless: true });
      return;
    }
    if (!lock.isValid()) {
      log({ ev: 'cs-skip', ...ctx, step: 'fenced' });
      return;
    }
    const outcome = await fencedWrite(lock, { update: input }).then(
      () => 'ok',
      (e: Error) => (e instanceof StaleFenceError ? 'stale' : e.name),
    );
    log({ ev: 'fenced', ...ctx, outcome });
  }

  return { readModifyWrite, fenced };
}
