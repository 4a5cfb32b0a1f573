import { readFileSync } from 'node:fs';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { LockAbortedError, LockClient, type LockClientOptions, type LockEvent, type LockObserver, VERSION } from '../../../src/index.js';
import { conditionFailed, fakeLockTable, lockItem, mockedClient, T0, throttled } from '../support.js';

// aws-sdk-client-mock: the events are about timing (danger, expiry, heartbeat failures) that only
// fake timers can place exactly. The Powertools and OpenTelemetry adapters are tested on dynalite.

afterEach(() => {
  jest.useRealTimers();
});

const LEASE = 10_000;

function observed(options: Partial<LockClientOptions> = {}) {
  const events: LockEvent[] = [];
  const recorder: LockObserver = {
    onLockEvent: (e) => {
      events.push(e);
    },
  };
  const ctx = mockedClient({ leaseMs: LEASE, heartbeatMs: 2_500, safetyMarginMs: 1_000, observers: [recorder], ...options });
  const table = fakeLockTable(ctx.mock);
  const types = () => events.map((e) => e.type);
  return { ...ctx, table, events, types };
}

describe('events', () => {
  it('a free lock: acquireStarted, acquired (free, uncontended, one write), renewed, released with held time', async () => {
    const { client, events, types } = observed();
    const lock = await client.acquire('job');
    await jest.advanceTimersByTimeAsync(2_500);
    await lock.release();
    expect(types()).toEqual(['acquireStarted', 'acquired', 'renewed', 'released']);
    expect(events[1]).toMatchObject({
      type: 'acquired',
      key: 'job',
      fence: lock.fence,
      owner: 'me',
      waitMs: 0,
      attempts: 1,
      contended: false,
      takeover: 'free',
      acquireId: events[0]!.type === 'acquireStarted' ? events[0]!.acquireId : -1,
    });
    expect(events[2]).toMatchObject({ type: 'renewed', fence: lock.fence, remainingMs: LEASE - 1_000 });
    expect(events[3]).toMatchObject({ type: 'released', heldMs: 2_500, at: T0 + 2_500 });
  });

  it('a watched takeover: contended, kind watched, waitMs and attempts counted', async () => {
    const { client, mock, events } = observed();
    const held = lockItem({ rvn: 'dead', leaseMs: LEASE, fence: 7 });
    mock.on(UpdateItemCommand).callsFake((input) => {
      if (input.ExpressionAttributeValues?.[':observedRvn']?.S !== 'dead') throw conditionFailed(held);
      return { Attributes: { ...held, owner: { S: 'me' }, rvn: input.ExpressionAttributeValues[':rvn']!, fence: { N: '8' } } };
    });
    mock.on(GetItemCommand).resolves({ Item: held });
    const acquiring = client.acquire('job', { waitMs: 15_000 });
    await jest.advanceTimersByTimeAsync(LEASE + 100);
    await acquiring;
    const acquired = events.find((e) => e.type === 'acquired');
    expect(acquired).toMatchObject({ contended: true, takeover: 'watched', attempts: 2 });
    // A lease of watching, plus the 0–10 ms jitter before the write that takes over.
    expect((acquired as { waitMs: number }).waitMs).toBeGreaterThanOrEqual(LEASE);
    expect((acquired as { waitMs: number }).waitMs).toBeLessThanOrEqual(LEASE + 10);
  });

  it('busy: holder, attempts and retryAfterMs; a throwing observer changes nothing', async () => {
    const seen: LockEvent[] = [];
    const { client: throwing, mock } = mockedClient({
      leaseMs: LEASE,
      heartbeatMs: 2_500,
      observers: [
        {
          onLockEvent: () => {
            throw new Error('observer bug');
          },
        },
        {
          onLockEvent: async () => {
            throw new Error('async observer bug');
          },
        },
        {
          onLockEvent: (e) => {
            seen.push(e);
          },
        },
      ],
    });
    mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem({ owner: 'worker-7', leaseMs: LEASE })));
    await expect(throwing.acquire('job', { waitMs: 0 })).rejects.toMatchObject({ name: 'LockBusyError', retryAfterMs: LEASE });
    expect(seen.map((e) => e.type)).toEqual(['acquireStarted', 'busy']);
    expect(seen[1]).toMatchObject({ holder: 'worker-7', attempts: 1, retryAfterMs: LEASE, waitMs: 0 });
  });

  it('heartbeat failures carry the error class; danger, then lost (expired) with the time held', async () => {
    const { client, table, events } = observed({ requestTimeoutMs: 1_000 });
    const lock = await client.acquire('job');
    table.beforeWrite = (kind) => {
      if (kind === 'heartbeat') throw throttled();
    };
    await jest.advanceTimersByTimeAsync(LEASE);
    const failures = events.filter((e) => e.type === 'heartbeatFailed');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({ errorClass: 'ProvisionedThroughputExceededException', fence: lock.fence });
    expect(events.filter((e) => e.type === 'danger')).toHaveLength(1);
    expect(events.find((e) => e.type === 'lost')).toMatchObject({ reason: 'expired', heldMs: LEASE - 1_000 });
    expect(events.filter((e) => e.type === 'renewed')).toEqual([]);
  });

  it('a failed release reports releaseFailed; an aborted wait reports acquireFailed', async () => {
    const { client, mock, table, events } = observed({ requestTimeoutMs: 500 });
    const lock = await client.acquire('job');
    table.beforeWrite = (kind) => {
      if (kind === 'release')
        throw Object.assign(new Error('Internal'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    };
    const releasing = lock.release().catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(1_000);
    await releasing;
    expect(events.at(-1)).toMatchObject({ type: 'releaseFailed', fence: lock.fence });
    mock.on(UpdateItemCommand).rejects(conditionFailed(lockItem({ leaseMs: LEASE })));
    mock.on(GetItemCommand).resolves({ Item: lockItem({ leaseMs: LEASE }) });
    const controller = new AbortController();
    const waiting = client.acquire('job', { waitMs: 5_000, signal: controller.signal }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(300);
    controller.abort();
    expect(await waiting).toBeInstanceOf(LockAbortedError);
    expect(events.at(-1)).toMatchObject({ type: 'acquireFailed', error: expect.any(LockAbortedError) });
  });
});

describe('the SDK client the lock builds', () => {
  it("says ddb-lock/<version> in its user agent, and the version is the package's", async () => {
    const client = new LockClient({ tableName: 'locks' });
    const agent = await (client.dynamoDb.config as unknown as { customUserAgent?: unknown }).customUserAgent;
    expect(agent).toEqual([['ddb-lock', VERSION]]);
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('observers must be objects with onLockEvent, checked before anything is created', () => {
    for (const bad of [{}, [() => undefined], [{}], 'x']) {
      expect(() => new LockClient({ tableName: 'locks', observers: bad as never })).toThrow(/observers must be an array/);
    }
  });
});
