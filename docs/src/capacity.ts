import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { LockClient } from '@ddb-lock/runtime';
import { clientSettings, ensureTable, getLock } from '@ddb-lock/runtime/admin';
import { measureElection, measureSemaphore } from './capacity-coordination.ts';
import { CapacityRecorder, key, MEASURED_DATA, MEASURED_TABLE, type OperationCapacity } from './capacity-recorder.ts';

export { MEASURED_DATA, MEASURED_TABLE, type OperationCapacity, type RequestCapacity } from './capacity-recorder.ts';

/** Everything the cost page shows that comes from a measurement. */
export interface Measurements {
  /** A lock's operations: acquire, heartbeat, contended attempt, wait poll, release… */
  locks: OperationCapacity[];
  /** A semaphore's operations, for the N in `permits`. */
  semaphore: OperationCapacity[];
  /** An election's operations: campaign, heartbeat, a standby's attempt, an observer's read, resign. */
  election: OperationCapacity[];
  /** Size in bytes (DynamoDB's rules, see item-size.ts) of a held lock's, permit's and election term's item. */
  itemBytes: { lock: number; permit: number; election: number };
  /** The semaphores measured: N of the small and the large one, and how many permits the contended acquire found held. */
  permits: { small: number; large: number; held: number };
  /** A LockClient's defaults, read from `clientSettings` (the page's per-hour figures use them). */
  defaults: { leaseMs: number; heartbeatMs: number; pollMs: number };
}

/**
 * Capacity units of each lock, semaphore and election operation, measured on dynalite (in this process, on
 * 127.0.0.1) from the `ConsumedCapacity` it returns when asked (`ReturnConsumedCapacity: 'TOTAL'`, added to
 * every request by an SDK middleware, see CapacityRecorder). dynalite sizes items with DynamoDB's rules
 * (attribute names + values, rounded up to 1 KB per write unit, 4 KB per read unit, every key of a
 * BatchGetItem counted). A conditional write whose condition fails reports nothing (no server puts
 * `ConsumedCapacity` in the error), though DynamoDB charges it: the recorder computes it from the size of
 * the item that refused it.
 *
 * @example
 * ```ts
 * const { locks } = await measureCapacity();
 * for (const op of locks) console.log(op.operation, op.requests);
 * ```
 */
export async function measureCapacity(): Promise<Measurements> {
  const local = await startDynalite();
  const recorder = new CapacityRecorder(local.endpoint);
  const holder = new LockClient({ tableName: MEASURED_TABLE, client: recorder.client(), leaseMs: 20_000 });
  const waiter = new LockClient({ tableName: MEASURED_TABLE, client: recorder.client(), leaseMs: 20_000 });
  const { leaseMs, heartbeatMs, pollMs } = clientSettings(
    new LockClient({ tableName: MEASURED_TABLE, client: new DynamoDBClient({ region: 'us-east-1' }) }),
  );
  try {
    await ensureTable(holder);
    const data = MEASURED_DATA;
    const lock = await recorder.phase('acquire (free key)', () => holder.acquire('customer#42', { data }));
    if (!lock) throw new Error('the measured acquire returned no lock');
    await recorder.phase('heartbeat', () => lock.heartbeat());
    await recorder.phase('contended attempt (tryAcquire on a held key)', () => waiter.tryAcquire('customer#42'));
    await recorder.phase('wait poll (a waiter reads the holder)', () => getLock(waiter, 'customer#42'));
    const lockBytes = await recorder.itemBytes(MEASURED_TABLE, key('customer#42'));
    await recorder.phase('release (item kept)', () => lock.release());
    const again = await recorder.phase('acquire (released key)', () => holder.acquire('customer#42', { data }));
    await recorder.phase('release with deleteItem', async () => again?.release({ deleteItem: true }));
    const locks = recorder.phases.splice(0);
    const semaphore = await measureSemaphore(recorder);
    const semaphorePhases = recorder.phases.splice(0);
    const election = await measureElection(recorder);
    return {
      locks,
      semaphore: semaphorePhases,
      election: recorder.phases.splice(0),
      itemBytes: { lock: lockBytes, permit: semaphore.permitBytes, election: election.termBytes },
      permits: { small: semaphore.small, large: semaphore.large, held: semaphore.held },
      defaults: { leaseMs, heartbeatMs, pollMs },
    };
  } finally {
    await holder.close();
    await waiter.close();
    recorder.close();
    await local.stop();
  }
}
