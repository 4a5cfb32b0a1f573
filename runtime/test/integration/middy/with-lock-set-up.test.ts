import { describe, expect, test } from '@jest/globals';
import middy7 from '@middy/core';
import { getLock } from '../../../src/admin/index.js';
import { LockConfigurationError } from '../../../src/index.js';
import { withLock } from '../../../src/middy/index.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { useTestTable } from '../../support/test-table.js';

// withLock's set-up and the life of its lock beyond one invocation (see with-lock.test.ts for
// the invocation itself, on middy 6 and 7).

const table = useTestTable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const byCustomer = (e: { customerId: string }) => e.customerId;

describe('withLock set-up', () => {
  test('missing table name: a clear error naming the variable at the first invocation', async () => {
    const saved = process.env.DDB_LOCK_TABLE_NAME;
    delete process.env.DDB_LOCK_TABLE_NAME;
    try {
      const handler = middy7(async () => 'x').use(withLock(byCustomer));
      await expect(handler({ customerId: 'a' } as never, lambdaContext(5_000) as never)).rejects.toThrow(/DDB_LOCK_TABLE_NAME/);
    } finally {
      if (saved !== undefined) process.env.DDB_LOCK_TABLE_NAME = saved;
    }
  });

  test('bad options are refused when the middleware is created, as configuration', () => {
    expect(() => withLock('customerId' as never)).toThrow(LockConfigurationError);
    expect(() => withLock(byCustomer, { waitMs: -1 })).toThrow(LockConfigurationError);
    expect(() => withLock(byCustomer, { whenBusy: 'retry' as never })).toThrow(LockConfigurationError);
    expect(() => withLock(byCustomer, { leaseMS: 1 } as never)).toThrow(/unknown option/);
  });

  test('a stale heartbeat timer from a finished invocation releases instead of renewing (freeze/thaw)', async () => {
    const client = table.client({ leaseMs: 1_000, heartbeatMs: 150 });
    const context = lambdaContext(10_000);
    // A later middleware returning early makes middy skip every after hook: the lock stays held.
    const handler = middy7(async () => 'never')
      .use(withLock(byCustomer, { client }))
      .use({ before: async () => 'early' });
    expect(await handler({ customerId: 'thaw' }, context)).toBe('early');
    const held = client.heldLocks[0]!;
    expect(held.state).toBe('held');
    context.expire(); // the invocation is over: its remaining time is 0 when the process thaws
    const version = held.recordVersion;
    await sleep(400);
    expect(held.state).toBe('released');
    expect(held.recordVersion).toBe(version); // never renewed
    expect((await getLock(client, 'thaw'))?.released).toBe(true);
  });
});
