import { GetItemCommand, PutItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { clientSettings } from '../../../src/admin/index.js';
import {
  fencedWrite,
  guardedTransaction,
  type LockClientOptions,
  LockCloseError,
  LockLostError,
  LockValidationError,
} from '../../../src/index.js';
import { fakeLockTable, flush, itemFromUpdate, mockedClient, operations, pausableClock, T0, throttled } from '../support.js';

// Why the mock: validity, danger and loss are timing properties; the mock lets fake timers
// (which also fake performance.now and Date) decide exactly when each response arrives.

afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

const LEASE = 10_000;
const MARGIN = 1_000;
const HEARTBEAT = 2_500;

function setup(options: Partial<LockClientOptions> = {}) {
  const ctx = mockedClient({ leaseMs: LEASE, safetyMarginMs: MARGIN, heartbeatMs: HEARTBEAT, ...options });
  const table = fakeLockTable(ctx.mock);
  return { ...ctx, table };
}

/** Heartbeats throttled while fake time is inside [from, to). */
function stormBetween(table: ReturnType<typeof fakeLockTable>, from: number, to: number): void {
  table.beforeWrite = (kind) => {
    const now = performance.now();
    if (kind === 'heartbeat' && now >= from && now < to) throw throttled();
  };
}

describe('validity', () => {
  it('runs from when the acquire was sent, not from when its answer arrived', async () => {
    const { mock, client } = setup({ heartbeatMs: 0 });
    mock.on(UpdateItemCommand).callsFake(
      (input: UpdateItemCommandInput) =>
        new Promise((resolve) => {
          setTimeout(() => resolve({ Attributes: itemFromUpdate(input) }), 2_000);
        }),
    );
    const acquiring = client.acquire('job');
    await jest.advanceTimersByTimeAsync(2_000);
    const lock = await acquiring;
    expect(lock.remainingMs).toBe(LEASE - MARGIN - 2_000);
    await jest.advanceTimersByTimeAsync(LEASE - MARGIN - 2_000 - 1);
    expect(lock.isValid()).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect(lock.isValid()).toBe(false);
    expect(lock.state).toBe('lost');
  });

  it('after a heartbeat, runs from when the heartbeat was sent', async () => {
    const { mock, client, table } = setup({ heartbeatMs: 0 });
    const lock = await client.acquire('job');
    await jest.advanceTimersByTimeAsync(3_000);
    table.beforeWrite = (kind) =>
      kind === 'heartbeat'
        ? new Promise((resolve) => {
            setTimeout(resolve, 1_500);
          })
        : undefined;
    const beating = lock.heartbeat();
    await jest.advanceTimersByTimeAsync(1_500);
    await beating;
    expect(lock.remainingMs).toBe(LEASE - MARGIN - 1_500);
    expect(operations(mock)).toEqual(['UpdateItem', 'UpdateItem']);
    await lock.release();
  });

  it('a heartbeat with a shorter lease shortens validity (others may take over after the new lease)', async () => {
    const { client } = setup({ heartbeatMs: 0 });
    const lock = await client.acquire('job');
    await lock.heartbeat({ leaseMs: 4_000 });
    expect(lock.leaseMs).toBe(4_000);
    expect(lock.remainingMs).toBe(4_000 - MARGIN);
    await jest.advanceTimersByTimeAsync(4_000 - MARGIN);
    expect(lock.isValid()).toBe(false);
  });

  it('wall-clock steps in either direction do not change validity', async () => {
    const { client } = setup({ heartbeatMs: 0 });
    const lock = await client.acquire('job');
    const lost = jest.fn();
    lock.on('lost', lost);
    jest.setSystemTime(T0 + 3_600_000);
    expect(lock.remainingMs).toBe(LEASE - MARGIN);
    jest.setSystemTime(T0 - 3_600_000);
    expect(lock.remainingMs).toBe(LEASE - MARGIN);
    await jest.advanceTimersByTimeAsync(LEASE - MARGIN - 1);
    expect(lost).not.toHaveBeenCalled();
    expect(lock.isValid()).toBe(true);
    await lock.release();
  });

  it('after a pause past validity, isValid() is false before any timer fires and nothing is sent', async () => {
    const clock = pausableClock();
    const { mock, client } = setup({ clock });
    const lock = await client.acquire('job');
    const lost = jest.fn();
    lock.on('lost', lost);
    clock.pause(LEASE); // SIGSTOP / Lambda freeze: no timer ran meanwhile
    expect(lock.isValid()).toBe(false);
    expect(lock.remainingMs).toBe(0);
    expect(lost).toHaveBeenCalledTimes(1);
    expect((lost.mock.calls[0]![0] as LockLostError).reason).toBe('expired');
    expect(lock.signal.aborted).toBe(true);
    // Protected work refuses to start, and sends nothing.
    await expect(fencedWrite(lock, { put: { TableName: 't', Item: { pk: { S: 'a' } } } })).rejects.toBeInstanceOf(LockLostError);
    await expect(guardedTransaction(lock, [{ Put: { TableName: 't', Item: { pk: { S: 'a' } } } }])).rejects.toBeInstanceOf(LockLostError);
    await expect(lock.heartbeat()).rejects.toBeInstanceOf(LockLostError);
    await jest.advanceTimersByTimeAsync(3 * LEASE);
    expect(operations(mock)).toEqual(['UpdateItem']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a paused holder that calls fencedWrite without checking first still sends nothing', async () => {
    const clock = pausableClock();
    const { mock, client } = setup({ clock });
    mock.on(PutItemCommand).resolves({});
    const lock = await client.acquire('job');
    clock.pause(LEASE);
    await expect(fencedWrite(lock, { put: { TableName: 't', Item: { pk: { S: 'a' } } } })).rejects.toBeInstanceOf(LockLostError);
    expect(mock.commandCalls(PutItemCommand)).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('danger and lost', () => {
  it('when heartbeats cannot land: danger once, then lost exactly at validity end, signal aborted, no timer left', async () => {
    const { mock, client, table } = setup();
    stormBetween(table, 0, Infinity);
    const events: Array<[string, number, unknown]> = [];
    const lock = await client.acquire('job', {
      onDanger: (e) => events.push(['danger', performance.now(), e.remainingMs]),
      onLost: (e) => events.push(['lost', performance.now(), e.reason]),
    });
    const heartbeatErrors = jest.fn();
    lock.on('heartbeatError', heartbeatErrors);
    await jest.advanceTimersByTimeAsync(3 * LEASE);
    expect(events).toEqual([
      ['danger', LEASE - MARGIN - HEARTBEAT, HEARTBEAT],
      ['lost', LEASE - MARGIN, 'expired'],
    ]);
    expect(lock.signal.aborted).toBe(true);
    expect(lock.signal.reason).toBeInstanceOf(LockLostError);
    expect(heartbeatErrors).toHaveBeenCalled();
    // Heartbeats kept trying after the first error (a second beat went out); the loss at validity
    // end aborts the one in flight (no heartbeatError for it: the lock's end is reported as `lost`).
    const beats = new Set(mock.commandCalls(UpdateItemCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':beat']?.N));
    expect([...beats].filter(Boolean).length).toBeGreaterThanOrEqual(2);
    const sentAfterLoss = mock.commandCalls(UpdateItemCommand).filter((_c, i) => i > 0).length;
    await jest.advanceTimersByTimeAsync(3 * LEASE);
    expect(mock.commandCalls(UpdateItemCommand).length - 1).toBe(sentAfterLoss); // heartbeats stopped
    expect(jest.getTimerCount()).toBe(0);
    expect(client.heldLocks).toEqual([]);
  });

  it('no heartbeat request is retried past the end of validity', async () => {
    const { client, table } = setup();
    const sentAt: number[] = [];
    table.beforeWrite = (kind) => {
      if (kind !== 'heartbeat') return;
      sentAt.push(performance.now());
      throw throttled();
    };
    await client.acquire('job');
    await jest.advanceTimersByTimeAsync(3 * LEASE);
    expect(sentAt.length).toBeGreaterThan(2);
    expect(Math.max(...sentAt)).toBeLessThan(LEASE - MARGIN);
  });

  // L2 at its edge, with the worst jitter: a storm 1 ms shorter than lease − heartbeat − margin,
  // starting right after a confirmed heartbeat or just before one is due, must not cost the
  // lock. That needs the retry after a heartbeat's spent deadline to start at once and the
  // pauses between tries to shrink with the validity left (a fixed pause would be slack).
  it.each([
    ['defaults (20 s lease)', {}, 0, 0],
    ['10 s lease, storm right after a heartbeat', { leaseMs: 10_000, heartbeatMs: 2_500, safetyMarginMs: 1_000 }, 2_501, 0],
    ['10 s lease, storm just before a heartbeat', { leaseMs: 10_000, heartbeatMs: 2_500, safetyMarginMs: 1_000 }, 2_499, 0],
    ['1 s lease, storm from the start', { leaseMs: 1_000, heartbeatMs: 200, safetyMarginMs: 100 }, 0, 0],
    [
      '1 s lease, request deadline as long as validity',
      { leaseMs: 1_000, heartbeatMs: 200, safetyMarginMs: 100, requestTimeoutMs: 900 },
      0,
      0,
    ],
  ] as Array<[string, Partial<LockClientOptions>, number, number]>)(
    'a storm shorter than lease − heartbeat − margin never loses the lock: %s',
    async (_label, options, stormStart, slack) => {
      jest.spyOn(Math, 'random').mockReturnValue(0.9999); // longest backoffs
      const { client, table } = setup({ leaseMs: 20_000, heartbeatMs: 5_000, safetyMarginMs: 2_000, ...options });
      const { leaseMs, heartbeatMs, safetyMarginMs } = clientSettings(client);
      const storm = leaseMs - heartbeatMs - safetyMarginMs - 1 - slack;
      stormBetween(table, stormStart, stormStart + storm);
      const lock = await client.acquire('job');
      const lost = jest.fn();
      lock.on('lost', lost);
      await jest.advanceTimersByTimeAsync(3 * leaseMs);
      expect(lost).not.toHaveBeenCalled();
      expect(lock.isValid()).toBe(true);
      await lock.release();
      expect(jest.getTimerCount()).toBe(0);
    },
  );
});

describe('heartbeat lifecycle', () => {
  it('heartbeats stop on release and start again on a new acquire', async () => {
    const { mock, client } = setup();
    const first = await client.acquire('job');
    await jest.advanceTimersByTimeAsync(HEARTBEAT);
    await first.release();
    await jest.advanceTimersByTimeAsync(3 * HEARTBEAT);
    expect(operations(mock)).toHaveLength(3); // acquire, heartbeat, release
    const second = await client.acquire('job');
    await jest.advanceTimersByTimeAsync(2 * HEARTBEAT);
    expect(operations(mock)).toHaveLength(6); // + acquire, two heartbeats
    expect(second.recordVersion).not.toBe(first.recordVersion);
    await second.release();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('aborting nothing and losing nothing: a healthy lock renews forever and emits renewed', async () => {
    const { client } = setup();
    const lock = await client.acquire('job');
    const renewed = jest.fn();
    lock.on('renewed', renewed);
    await jest.advanceTimersByTimeAsync(10 * LEASE);
    expect(renewed).toHaveBeenCalledTimes((10 * LEASE) / HEARTBEAT);
    expect(lock.isValid()).toBe(true);
    await lock.release();
  });
});

describe('close', () => {
  // Found by the simulator (issue 24): close({ release: false }) while a heartbeat was retrying
  // (its response lost) left the retries running; one landed after the close and renewed the
  // lease of a lock the holder had given up, so waiters took over a lease later than promised.
  it('close({ release: false }) stops a heartbeat that is retrying: no request after the close, no timer left', async () => {
    const { mock, client, table } = setup();
    await client.acquire('job');
    stormBetween(table, 0, Infinity);
    await jest.advanceTimersByTimeAsync(HEARTBEAT + 50); // the first heartbeat is retrying
    const sent = mock.commandCalls(UpdateItemCommand).length;
    expect(sent).toBeGreaterThan(1);
    await client.close({ release: false });
    await jest.advanceTimersByTimeAsync(LEASE);
    expect(mock.commandCalls(UpdateItemCommand)).toHaveLength(sent);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('releases every lock even when one release fails, then reports it; no timer survives', async () => {
    const { mock, client, table } = setup();
    const a = await client.acquire('a');
    const b = await client.acquire('b');
    const c = await client.acquire('c');
    mock.on(GetItemCommand).resolves({});
    const failure = Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    table.beforeWrite = (kind, input) => {
      if (kind === 'release' && input.Key!.pk!.S === 'b') throw failure;
    };
    const error = await client.close().then(
      () => undefined,
      (e: unknown) => e as LockCloseError,
    );
    expect(error).toBeInstanceOf(LockCloseError);
    expect(error!.cause).toBeInstanceOf(AggregateError);
    expect((error!.cause as AggregateError).errors).toEqual([failure]);
    const released = mock
      .calls()
      .slice(3)
      .map((call) => (call.args[0] as unknown as { input: UpdateItemCommandInput }).input.Key!.pk!.S);
    expect(released.sort()).toEqual(['a', 'b', 'c']);
    for (const lock of [a, b, c]) expect(lock.signal.aborted).toBe(true);
    expect(client.heldLocks).toEqual([]);
    await flush();
    expect(jest.getTimerCount()).toBe(0);
    await expect(client.acquire('d')).rejects.toBeInstanceOf(LockValidationError);
  });

  it('returns at once with nothing held', async () => {
    const { mock, client } = setup();
    await client.close();
    expect(mock.calls()).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });
});
