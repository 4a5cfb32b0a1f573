import { DynamoDBClient, GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { type Clock, LockClient, type LockClientOptions, type LockEvent } from '../../../src/index.js';
import { type DdbMock, type Item, T0 } from '../support.js';

/**
 * One election table in memory, shared by several candidates, each a LockClient on its own mocked
 * DynamoDBClient (so requests are counted per candidate). Every request is answered by the DynamoDB
 * model (`@ddb-lock/local-dynamo/memory`: dynalite's own expression evaluator, in-process), so the
 * real conditions decide — the takeover grounds, the beat clause, fair waiting's queue. What a server
 * cannot give is a fake clock: exact control of when each poll and each takeover happens. The
 * integration suite runs the same election on dynalite and moto with real processes.
 */
export function electionTable() {
  jest.useFakeTimers({ now: T0 });
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable('locks', { partitionKeyName: 'pk' });
  const keyOf = (key: string) => ({ pk: { S: key } });
  const table = {
    /** The stored items, by partition key. */
    items: {
      get: (key: string) => ddb.model.item('locks', keyOf(key)) as Item | undefined,
    },
    /** Until this epoch ms every request of every candidate fails with a 503 (an outage). */
    outageUntil: 0,
    /** Writes the stored item directly: another owner's grant (a stolen term), or a deletion. */
    set(key: string, item: Item | undefined) {
      ddb.model.setItem('locks', keyOf(key), item);
    },
    /** A candidate: its client, its mock (requests by operation) and the events its observers saw. */
    candidate(owner: string, options: Partial<LockClientOptions> & { clock?: Clock } = {}) {
      const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      const mock = mockClient(client);
      serve(mock);
      const events: LockEvent[] = [];
      const locks = new LockClient({
        tableName: 'locks',
        ownerName: owner,
        client,
        leaseMs: 10_000,
        heartbeatMs: 2_000,
        pollMs: 1_000,
        observers: [{ onLockEvent: (e) => void events.push(e) }],
        ...options,
      });
      const count = (op: 'GetItem' | 'UpdateItem') =>
        mock.calls().filter((c) => (c.args[0] as object).constructor.name === `${op}Command`).length;
      return { client: locks, mock, events, reads: () => count('GetItem'), writes: () => count('UpdateItem') };
    },
  };
  const outage = () => {
    if (Date.now() < table.outageUntil) {
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    }
  };
  const serve = (mock: DdbMock) => {
    mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => {
      outage();
      return ddb.answer('UpdateItem', input);
    });
    mock.on(GetItemCommand).callsFake((input: object) => {
      outage();
      return ddb.answer('GetItem', input);
    });
  };
  return table;
}

/** Lets fake time run `ms` forward, settling every promise on the way. */
export async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

/** Whether a promise has settled (after letting queued callbacks run). */
export async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await jest.advanceTimersByTimeAsync(0);
  return done;
}
