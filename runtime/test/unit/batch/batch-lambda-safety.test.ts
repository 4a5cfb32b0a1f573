import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { clientSettings } from '../../../src/admin/index.js';
import { BatchOrderError, lockedBatchHandler } from '../../../src/batch/index.js';
import { LockBusyError, LockConfigurationError, LockDeadlineError } from '../../../src/index.js';
import { idOf, sqsRecord } from '../../support/batch-events.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { byCustomer, failures, recorder, ScriptedLockClient } from './batch-support.js';

// The batch handlers against Lambda's clock: the invocation deadline, leases capped by the
// remaining time, contending invocations, and the default client. Why the scripted client: see
// batch-support.ts.

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('Lambda safety', () => {
  test('at remaining time − margin: unfinished records fail, holds are released, the answer comes before the timeout', async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 11, 1) });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = new ScriptedLockClient();
    const r = recorder(client, (id) => (id === 'slow' ? 'hang' : 'ok'));
    const records = [sqsRecord({ c: 'a', id: 'slow' }), sqsRecord({ c: 'a', id: 'after' }), sqsRecord({ c: 'b', id: 'quick' })];
    let answered = false;
    const done = lockedBatchHandler(byCustomer, r.handler, { client, deadlineMarginMs: 1_000 })(
      { Records: records },
      lambdaContext(4_000),
    ).then((response) => {
      answered = true;
      return response;
    });
    await jest.advanceTimersByTimeAsync(2_999);
    expect(answered).toBe(false);
    await jest.advanceTimersByTimeAsync(2);
    const response = await done;
    expect(failures(response)).toEqual([idOf(records[0]!), idOf(records[1]!)]);
    expect(r.seen.find((s) => s.id === 'slow')!.lock.signal.reason).toBeInstanceOf(LockDeadlineError);
    expect(client.heldNow()).toEqual([]);
    expect(r.seen.map((s) => s.id).sort()).toEqual(['quick', 'slow']);
  });

  test('a record is not started when less than twice the margin is left', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = new ScriptedLockClient();
    const r = recorder(client);
    const response = await lockedBatchHandler(byCustomer, r.handler, { client, deadlineMarginMs: 1_000 })(
      { Records: [sqsRecord({ c: 'a', id: 'a1' })] },
      lambdaContext(1_900),
    );
    expect(response.batchItemFailures).toHaveLength(1);
    expect(client.log).toEqual([]);
  });

  test("every write's lease is capped by the remaining time; renewal is tied to the batch", async () => {
    const client = new ScriptedLockClient(); // lease 20000, heartbeat 5000, margin 2000
    const handler = lockedBatchHandler(byCustomer, recorder(client).handler, { client });
    const context = lambdaContext(9_000);
    await handler({ Records: [sqsRecord({ c: 'a', id: 'a1' })] }, context);
    const [options] = client.acquireOptions;
    expect(options!.leaseMs).toBeUndefined(); // the client's lease…
    const cap = options!.maxLeaseMs!(); // …capped by the remaining time, for the acquire and each heartbeat
    expect(cap).toBeLessThanOrEqual(9_000);
    expect(cap).toBeGreaterThan(8_000);
    expect(options!.renewWhile!()).toBe(false); // the batch is over: a stale timer releases, never renews
    await lockedBatchHandler(byCustomer, recorder(client).handler, { client, leaseMs: 12_000 })(
      { Records: [sqsRecord({ c: 'b', id: 'b1' })] },
      context,
    );
    expect(client.acquireOptions[1]!.leaseMs).toBe(12_000);
  });

  const capTooTight =
    'a lease, heartbeat and margin a capped lease could not honour fail the first batch (LockConfigurationError), before any request';
  test(capTooTight, async () => {
    const client = new ScriptedLockClient(); // heartbeat 5000 × margin 2000 > 500 × 18000
    const handler = lockedBatchHandler(byCustomer, recorder(client).handler, { client, deadlineMarginMs: 500 });
    await expect(handler({ Records: [sqsRecord({ c: 'a', id: 'a1' })] }, lambdaContext(30_000))).rejects.toThrow(LockConfigurationError);
    expect(client.log).toEqual([]);
    expect(() => lockedBatchHandler(byCustomer, recorder(client).handler, { client, trustWallClock: false })).toThrow(
      LockConfigurationError,
    );
    expect(() => lockedBatchHandler(byCustomer, recorder(client).handler, { trustWallClock: {} as never })).toThrow(LockConfigurationError);
    expect(() => lockedBatchHandler(byCustomer, recorder(client).handler, { observers: {} as never })).toThrow(LockConfigurationError);
  });

  const contendingInvocations =
    'two invocations in one process contending for a key: one runs it, the other reports it busy and releases nothing of it';
  test(contendingInvocations, async () => {
    const client = new ScriptedLockClient();
    const r = recorder(client, () => 30);
    const handler = lockedBatchHandler(byCustomer, r.handler, { client });
    const first = handler({ Records: [sqsRecord({ c: 'a', id: 'one' })] }, lambdaContext(30_000));
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The scripted client refuses a second grant of a held key, as the table would.
    client.others.set('customer#a', true);
    const second = await handler({ Records: [sqsRecord({ c: 'a', id: 'two' })] }, lambdaContext(30_000));
    client.others.delete('customer#a');
    expect(second.batchItemFailures).toHaveLength(1);
    expect((await first).batchItemFailures).toEqual([]);
    expect(client.log.filter((l) => l === 'release customer#a')).toHaveLength(1);
    expect(client.log.indexOf('release customer#a')).toBeGreaterThan(client.log.indexOf('end one'));
  });
});

test('BatchOrderError keeps its name in minified bundles and says what held it back', () => {
  const cause = new LockBusyError('busy', 'k', 'x');
  const error = new BatchOrderError('held back', { cause });
  expect(error.name).toBe('BatchOrderError');
  expect(error.cause).toBe(cause);
});

const defaultClient =
  "the default client is withLock's: on DDB_LOCK_TABLE_NAME, wall-clock takeover with a 1 s skew bound unless told otherwise, built once";
test(defaultClient, async () => {
  const { defaultLockClient } = await import('../../../src/lambda/default-lock-client.js');
  const before = process.env.DDB_LOCK_TABLE_NAME;
  try {
    delete process.env.DDB_LOCK_TABLE_NAME;
    expect(() => defaultLockClient('lockedBatchHandler', {})()).toThrow(/DDB_LOCK_TABLE_NAME/);
    process.env.DDB_LOCK_TABLE_NAME = 'locks';
    const clientOf = defaultLockClient('lockedBatchHandler', { leaseMs: 10_000, heartbeatMs: 2_500 });
    const client = clientOf();
    expect(clientOf()).toBe(client);
    expect(clientSettings(client)).toMatchObject({ tableName: 'locks', leaseMs: 10_000, heartbeatMs: 2_500, maxSkewMs: 1_000 });
    expect(clientSettings(defaultLockClient('lockedBatchHandler', { trustWallClock: false })()).maxSkewMs).toBeUndefined();
  } finally {
    if (before === undefined) delete process.env.DDB_LOCK_TABLE_NAME;
    else process.env.DDB_LOCK_TABLE_NAME = before;
  }
});
