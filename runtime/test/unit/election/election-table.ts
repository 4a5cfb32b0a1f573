import { DynamoDBClient, GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { type Clock, LockClient, type LockClientOptions, type LockEvent } from '../../../src/index.js';
import { conditionFailed, type DdbMock, type Item, itemFromUpdate, T0 } from '../support.js';

/**
 * One election item in memory, shared by several candidates, each a LockClient on its own mocked
 * DynamoDBClient (so requests are counted per candidate). Applies acquire, heartbeat and release
 * writes as DynamoDB would on their conditions, including the skew-free takeover ground (the
 * watched record version still stored) — what a server cannot give a fake clock: exact control
 * of when each poll and each takeover happens. The integration suite runs the same election on
 * dynalite and moto with real processes.
 */
export function electionTable() {
  jest.useFakeTimers({ now: T0 });
  const items = new Map<string, Item>();
  let fenceBase = T0 * 1000;
  const table = {
    items,
    /** Until this epoch ms every request of every candidate fails with a 503 (an outage). */
    outageUntil: 0,
    /** Writes the stored item directly: another owner's grant (a stolen term), or a deletion. */
    set(key: string, item: Item | undefined) {
      if (item) items.set(key, item);
      else items.delete(key);
    },
    /** A candidate: its client, its mock (requests by operation) and the events its observers saw. */
    candidate(owner: string, options: Partial<LockClientOptions> & { clock?: Clock } = {}) {
      const ddb = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
      const mock = mockClient(ddb);
      serve(mock);
      const events: LockEvent[] = [];
      const client = new LockClient({
        tableName: 'locks',
        ownerName: owner,
        client: ddb,
        leaseMs: 10_000,
        heartbeatMs: 2_000,
        pollMs: 1_000,
        observers: [{ onLockEvent: (e) => void events.push(e) }],
        ...options,
      });
      const count = (op: 'GetItem' | 'UpdateItem') =>
        mock.calls().filter((c) => (c.args[0] as object).constructor.name === `${op}Command`).length;
      return { client, mock, events, reads: () => count('GetItem'), writes: () => count('UpdateItem') };
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
      const key = input.Key!.pk!.S!;
      const stored = items.get(key);
      const v = input.ExpressionAttributeValues!;
      if (v[':fenceBase']) {
        const free = !stored || stored.released?.BOOL === true;
        const watched = stored !== undefined && v[':observedRvn'] !== undefined && v[':observedRvn'].S === stored.rvn!.S;
        const expired =
          stored !== undefined && v[':expiredBefore'] !== undefined && Number(stored.expiresAt!.N) < Number(v[':expiredBefore'].N);
        if (!free && !watched && !expired) throw conditionFailed(stored);
        const fence = stored ? Number(stored.fence!.N) + 1 : ++fenceBase;
        const next = itemFromUpdate(input, fence);
        items.set(key, next);
        return { Attributes: next };
      }
      const ours = stored && stored.owner!.S === v[':owner']!.S && stored.fence!.N === v[':fence']!.N;
      if (!ours) throw conditionFailed(stored);
      if (v[':beat']) {
        if (stored.released?.BOOL) throw conditionFailed(stored);
        const next: Item = { ...stored, rvn: v[':rvn']!, leaseMs: v[':leaseMs']!, expiresAt: v[':expiresAt']!, beat: v[':beat']! };
        if (v[':data']) next.data = v[':data'];
        items.set(key, next);
        return { Attributes: next };
      }
      items.set(key, { ...stored, released: { BOOL: true } });
      return {};
    });
    mock.on(GetItemCommand).callsFake((input: { Key: Item }) => {
      outage();
      const stored = items.get(input.Key.pk!.S!);
      return stored ? { Item: stored } : {};
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
