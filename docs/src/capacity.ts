import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS, startDynalite } from '@ddb-lock/local-dynamo';
import { LockClient } from '@ddb-lock/runtime';
import { ensureTable, getLock } from '@ddb-lock/runtime/admin';

/** Capacity one operation consumed, per DynamoDB request type. */
export interface OperationCapacity {
  /** What a user does: `acquire`, `heartbeat`, … */
  operation: string;
  /** Requests sent, in order, with the capacity units the server reported (undefined: none reported). */
  requests: { command: string; units: number | undefined }[];
}

/** The `data` the measured lock carries (a small JSON document, as applications store). */
export const MEASURED_DATA = JSON.stringify({ job: 'nightly-report', host: 'worker-7' });

/**
 * Capacity units of each lock operation, measured on dynalite (in this process, on 127.0.0.1) from the
 * `ConsumedCapacity` it returns when asked (`ReturnConsumedCapacity: 'TOTAL'`, added to every request by
 * an SDK middleware). dynalite sizes items with DynamoDB's rules (attribute names + values, rounded up to
 * 1 KB per write unit, 4 KB per read unit). A conditional write whose condition fails reports nothing (no
 * server puts `ConsumedCapacity` in the error), though DynamoDB charges it: the page computes that row
 * from the item's size.
 *
 * @example
 * ```ts
 * for (const op of await measureCapacity()) console.log(op.operation, op.requests);
 * ```
 */
export async function measureCapacity(): Promise<OperationCapacity[]> {
  const local = await startDynalite();
  const phases: OperationCapacity[] = [];
  let current: OperationCapacity | undefined;
  const client = (): DynamoDBClient => {
    const ddb = new DynamoDBClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    ddb.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string };
        input.ReturnConsumedCapacity = 'TOTAL';
        const entry = { command: String(context.commandName).replace(/Command$/, ''), units: undefined as number | undefined };
        current?.requests.push(entry);
        const out = await next(args);
        entry.units = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } }).ConsumedCapacity?.CapacityUnits;
        return out;
      },
      { step: 'initialize', name: 'recordConsumedCapacity' },
    );
    return ddb;
  };
  const phase = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    current = { operation, requests: [] };
    phases.push(current);
    try {
      return await run();
    } finally {
      current = undefined;
    }
  };
  const holder = new LockClient({ tableName: 'locks', client: client(), leaseMs: 20_000 });
  const waiter = new LockClient({ tableName: 'locks', client: client(), leaseMs: 20_000 });
  try {
    await ensureTable(holder);
    const data = MEASURED_DATA;
    const lock = await phase('acquire (free key)', () => holder.acquire('customer#42', { data }));
    await phase('heartbeat', () => lock.heartbeat());
    await phase('contended attempt (tryAcquire on a held key)', () => waiter.tryAcquire('customer#42'));
    await phase('wait poll (a waiter reads the holder)', () => getLock(waiter, 'customer#42'));
    await phase('release (item kept)', () => lock.release());
    const again = await phase('acquire (released key)', () => holder.acquire('customer#42', { data }));
    await phase('release with deleteItem', () => again.release({ deleteItem: true }));
  } finally {
    await holder.close();
    await waiter.close();
    await local.stop();
  }
  return phases;
}
