import { expect, test } from '@jest/globals';
import { getLock } from '../../../src/admin/index.js';
import { useCountingProxy } from '../../support/counting-proxy.js';
import { serverHas, testServer } from '../../support/test-server.js';
import { onRealDynamoDb, useTestTable } from '../../support/test-table.js';

// What a contended attempt costs, counted at the wire by a loopback proxy in front of the local
// server (it cannot stand in front of DynamoDB's TLS endpoint: local servers only). A server that
// returns the holder on the failed condition (moto, DynamoDB) costs 1 request; dynalite ignores
// ReturnValuesOnConditionCheckFailure, so there the holder costs one ConsistentRead more
// (docs/server-differences.md, row "ReturnValuesOnConditionCheckFailure").
const atTheWire = onRealDynamoDb ? test.skip : test;

const table = useTestTable();
const wire = useCountingProxy();

const expected = serverHas.itemOnFailedCondition ? { UpdateItem: 1 } : { UpdateItem: 1, GetItem: 1 };

atTheWire(`a contended attempt on ${testServer} costs ${JSON.stringify(expected)} at the wire, and learns who holds the lock`, async () => {
  const holder = table.client({ leaseMs: 10_000 });
  const held = await holder.acquire('contended');
  const waiter = table.client({ client: wire.client, leaseMs: 10_000 });
  wire.proxy.reset();
  expect(await waiter.tryAcquire('contended')).toBeUndefined();
  expect(wire.proxy.counts()).toEqual(expected);
  expect(wire.proxy.failedConditions()).toEqual({ UpdateItem: 1 });
  // The holder the refused write reported is the one a read confirms.
  expect(await getLock(waiter, 'contended')).toMatchObject({ owner: holder.ownerName, fence: held.fence });
  await held.release();
});

atTheWire(`an uncontended acquire and release on ${testServer} are one write each at the wire`, async () => {
  const client = table.client({ client: wire.client, leaseMs: 10_000 });
  wire.proxy.reset();
  const lock = await client.acquire('free', { autoHeartbeat: false });
  expect(wire.proxy.counts()).toEqual({ UpdateItem: 1 });
  await lock.release();
  expect(wire.proxy.counts()).toEqual({ UpdateItem: 2 });
  expect(wire.proxy.failedConditions()).toEqual({});
});
