import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { FAKE_CREDENTIALS } from '@ddb-lock/local-dynamo';
import { itemSize, writeUnits } from './item-size.ts';

/** The `data` the measured locks, permits and terms carry (a small JSON document, as applications store). */
export const MEASURED_DATA = JSON.stringify({ job: 'nightly-report', host: 'worker-7' });

/** The table the measurement runs on (no sort key, as `ensureTable` and the construct make it by default). */
export const MEASURED_TABLE = 'locks';

/**
 * The DynamoDB key of a lock in the measured table.
 *
 * @example
 * ```ts
 * await recorder.itemBytes(MEASURED_TABLE, key('customer#42'));
 * ```
 */
export function key(lockKey: string): Record<string, AttributeValue> {
  return { pk: { S: lockKey } };
}

/** One request an operation sent, with what it costs. */
export interface RequestCapacity {
  /** `UpdateItem`, `GetItem`, `BatchGetItem`, … */
  command: string;
  /** Capacity units the server reported (`ReturnConsumedCapacity: 'TOTAL'`); undefined when it reported none. */
  units: number | undefined;
  /**
   * A conditional write the server refused. No server reports what it consumed; DynamoDB charges it by the
   * size of the item that refused it (read back here, outside the measurement), one unit per started KB.
   */
  refused?: { itemBytes: number; units: number };
  /** The keys a BatchGetItem asked for. */
  keys?: number;
  /**
   * The read that follows a refused write on a server that does not return the refusing item (dynalite).
   * DynamoDB returns it with the refusal (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), so the
   * runtime sends no such read there: the totals leave it out.
   */
  dynaliteOnly?: boolean;
}

/** Capacity one operation consumed, request by request. */
export interface OperationCapacity {
  /** What a user does: `acquire (free key)`, `heartbeat`, … */
  operation: string;
  /** Requests sent, in order. */
  requests: RequestCapacity[];
}

/** When a phase has recorded enough: a predicate on its requests so far. */
export type StopWhen = (requests: readonly RequestCapacity[]) => boolean;

/**
 * The units a request is billed on DynamoDB: the reported ones, else the refused write's computed ones; 0 for
 * a read only dynalite sends.
 *
 * @example
 * ```ts
 * const total = op.requests.reduce((n, r) => n + billedUnits(r), 0);
 * ```
 */
export function billedUnits(r: RequestCapacity): number {
  if (r.dynaliteOnly) return 0;
  const units = r.units ?? r.refused?.units;
  if (units === undefined) throw new Error(`${r.command}: no units reported and none computed`);
  return units;
}

/**
 * Records what each phase of a measurement sends. `client()` makes DynamoDB clients that ask every request
 * for `ReturnConsumedCapacity: 'TOTAL'` and file it under the running phase; requests outside a phase (the
 * set-up) are not recorded. A phase with `stopWhen` aborts its signal as the response that satisfies it
 * arrives: a wait that would go on (a campaign, a waiting acquire) ends there, nothing more sent.
 *
 * @example
 * ```ts
 * const recorder = new CapacityRecorder(local.endpoint);
 * const locks = new LockClient({ tableName: 'locks', client: recorder.client() });
 * await recorder.phase('acquire', () => locks.acquire('job'));
 * ```
 */
export class CapacityRecorder {
  /** Every phase run so far, in order. */
  readonly phases: OperationCapacity[] = [];
  #current: { op: OperationCapacity; stopWhen: StopWhen | undefined; abort: AbortController } | undefined;
  readonly #endpoint: string;
  readonly #plain: DynamoDBClient;
  /** Refused writes whose refusal did not carry the item: the key the runtime will read next. */
  readonly #unreturned = new WeakMap<RequestCapacity, string>();

  constructor(endpoint: string) {
    this.#endpoint = endpoint;
    this.#plain = this.#raw();
  }

  /** A DynamoDB client whose requests are recorded. */
  client(): DynamoDBClient {
    const ddb = this.#raw();
    ddb.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string; TableName?: string; Key?: unknown; RequestItems?: object };
        input.ReturnConsumedCapacity = 'TOTAL';
        const running = this.#current;
        const entry: RequestCapacity = { command: String(context.commandName).replace(/Command$/, ''), units: undefined };
        if (input.RequestItems) entry.keys = Object.values(input.RequestItems).reduce((n, t: { Keys: unknown[] }) => n + t.Keys.length, 0);
        const before = running?.op.requests.at(-1);
        if (entry.command === 'GetItem' && before && this.#unreturned.get(before) === JSON.stringify(input.Key)) entry.dynaliteOnly = true;
        running?.op.requests.push(entry);
        try {
          const out = await next(args);
          const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] })
            .ConsumedCapacity;
          const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
          if (list.length > 0) entry.units = list.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
          return out;
        } catch (error) {
          const refused = error as { name?: string; Item?: unknown };
          if (refused.name === 'ConditionalCheckFailedException' && input.TableName && input.Key) {
            entry.refused = await this.#refusal(input.TableName, input.Key);
            // Without the item in the refusal, the runtime reads it next: that read is the server's gap, not ours.
            if (refused.Item === undefined) this.#unreturned.set(entry, JSON.stringify(input.Key));
          }
          throw error;
        } finally {
          if (running?.stopWhen?.(running.op.requests)) running.abort.abort(new Error('measured enough'));
        }
      },
      { step: 'initialize', name: 'recordConsumedCapacity' },
    );
    return ddb;
  }

  /**
   * Runs `run` as one recorded operation. With `stopWhen`, the phase's signal aborts as soon as the
   * requests recorded so far satisfy it (checked as each response arrives), and the phase must end so.
   */
  async phase<T>(
    operation: string,
    run: (signal: AbortSignal) => Promise<T>,
    options: { stopWhen?: StopWhen } = {},
  ): Promise<T | undefined> {
    const op: OperationCapacity = { operation, requests: [] };
    const abort = new AbortController();
    this.phases.push(op);
    this.#current = { op, stopWhen: options.stopWhen, abort };
    let result: T | undefined;
    try {
      result = await run(abort.signal);
    } catch (error) {
      // The abort stopWhen asked for ends the phase; anything else is a failure of the measurement.
      if (!abort.signal.aborted) throw error;
    } finally {
      this.#current = undefined;
    }
    if (options.stopWhen && !abort.signal.aborted) throw new Error(`${operation}: ended before its stop condition held`);
    return result;
  }

  /** The size of the item at `key`, in bytes (a consistent read through a client that is not recorded). */
  async itemBytes(tableName: string, itemKey: unknown): Promise<number> {
    const out = await this.#plain.send(new GetItemCommand({ TableName: tableName, Key: itemKey as never, ConsistentRead: true }));
    if (!out.Item) throw new Error(`no item at ${JSON.stringify(itemKey)}`);
    return itemSize(out.Item);
  }

  /** Stops the recorder's own client. */
  close(): void {
    this.#plain.destroy();
  }

  async #refusal(tableName: string, itemKey: unknown): Promise<{ itemBytes: number; units: number }> {
    const itemBytes = await this.itemBytes(tableName, itemKey);
    return { itemBytes, units: writeUnits(itemBytes) };
  }

  #raw(): DynamoDBClient {
    return new DynamoDBClient({ endpoint: this.#endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  }
}
