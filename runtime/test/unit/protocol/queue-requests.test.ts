import { describe, expect, it } from '@jest/globals';
import { acquireRequest } from '../../../src/protocol/acquire-request.js';
import type { LockTable } from '../../../src/protocol/lock-table.js';
import { placeHeldBy } from '../../../src/protocol/queue-condition.js';
import { parseQueue } from '../../../src/protocol/queue-place.js';
import { queueRequest } from '../../../src/protocol/queue-request.js';
import { releaseRequest } from '../../../src/protocol/release-request.js';
import { T0, unusedPlaceholders } from '../support.js';

// Fair waiting's request shapes (docs/design.md "Fair waiting"); what servers make of them is
// test/integration/client/fair-waiting.test.ts, on dynalite and moto.

const TABLE: LockTable = { tableName: 'locks', partitionKeyName: 'pk', sortKeyName: undefined, ttlRetentionMs: 86_400_000 };
const attempt = { owner: 'me', recordVersion: 'v1', leaseMs: 20_000, replaceData: true };

describe('acquire with fair waiting', () => {
  it('holding no place: the old grounds AND nobody queues', () => {
    const input = acquireRequest(TABLE, { key: 'job' }, { ...attempt, fair: {} }, T0);
    expect(input.ConditionExpression).toBe(
      '(attribute_not_exists(#pk) OR #released = :true) AND (attribute_not_exists(#q) OR size(#q) = :qzero)',
    );
    expect(unusedPlaceholders(input)).toEqual([]);
  });

  it("as the queue's head: the old grounds AND our place first, and the same write leaves the queue", () => {
    const input = acquireRequest(TABLE, { key: 'job' }, { ...attempt, observedRecordVersion: 'stuck', fair: { place: 'me:0a1b2c3d' } }, T0);
    expect(input.ConditionExpression).toBe(
      '(attribute_not_exists(#pk) OR #released = :true OR #rvn = :observedRvn) AND (#q[0].#qid = :qid)',
    );
    expect(input.UpdateExpression).toMatch(/ REMOVE #data, #q\[0\]$/);
    expect(input.ExpressionAttributeValues[':qid']).toEqual({ S: 'me:0a1b2c3d' });
    expect(unusedPlaceholders(input)).toEqual([]);
    // Keeping the data: the REMOVE clause is the place's alone.
    const keep = acquireRequest(TABLE, { key: 'job' }, { ...attempt, replaceData: false, fair: { place: 'me:0a1b2c3d' } }, T0);
    expect(keep.UpdateExpression).toMatch(/ REMOVE #q\[0\]$/);
    expect(unusedPlaceholders(keep)).toEqual([]);
  });

  it('barging (no fair): the condition of before fair waiting, untouched', () => {
    const input = acquireRequest(TABLE, { key: 'job' }, { ...attempt, reentrant: true }, T0);
    expect(input.ConditionExpression).toBe('attribute_not_exists(#pk) OR #released = :true OR #owner = :owner');
  });
});

describe('queue changes', () => {
  const place = { id: 'w:0a1b2c3d', expiresAt: T0 + 4_000 };

  it('join appends our place to an existing item with room, and returns the item either way', () => {
    const input = queueRequest(TABLE, { key: 'job' }, { kind: 'join', place, maxWaiters: 100 });
    expect(input.UpdateExpression).toBe('SET #q = list_append(if_not_exists(#q, :qnone), :qme)');
    expect(input.ConditionExpression).toBe('attribute_exists(#pk) AND (attribute_not_exists(#q) OR size(#q) < :qmax)');
    expect(input.ExpressionAttributeValues![':qme']).toEqual({ L: [{ M: { id: { S: place.id }, exp: { N: String(T0 + 4_000) } } }] });
    expect([input.ReturnValues, input.ReturnValuesOnConditionCheckFailure]).toEqual(['ALL_NEW', 'ALL_OLD']);
    expect(unusedPlaceholders(input)).toEqual([]);
  });

  it('renew, leave and evict each check the place at the index last seen', () => {
    const renew = queueRequest(TABLE, { key: 'job' }, { kind: 'renew', index: 2, place });
    expect([renew.UpdateExpression, renew.ConditionExpression]).toEqual(['SET #q[2].#qexp = :qexp', '#q[2].#qid = :qid']);
    const leave = queueRequest(TABLE, { key: 'job' }, { kind: 'leave', index: 1, id: place.id });
    expect([leave.UpdateExpression, leave.ConditionExpression]).toEqual(['REMOVE #q[1]', '#q[1].#qid = :qid']);
    const evict = queueRequest(TABLE, { key: 'job' }, { kind: 'evict', index: 0, id: place.id, expiredBefore: T0 - 1_000 });
    expect([evict.UpdateExpression, evict.ConditionExpression]).toEqual(['REMOVE #q[0]', '#q[0].#qid = :qid AND #q[0].#qexp < :qbefore']);
    for (const input of [renew, leave, evict]) expect(unusedPlaceholders(input)).toEqual([]);
  });

  it('an index is only ever a non-negative integer (it is interpolated into the expression)', () => {
    expect(() => placeHeldBy(-1, 'w')).toThrow(RangeError);
    expect(() => placeHeldBy(1.5, 'w')).toThrow(RangeError);
  });

  it('a delete-on-release deletes only while nobody queues', () => {
    const built = releaseRequest(TABLE, { key: 'job', owner: 'me', fence: 3 }, { deleteItem: true }, T0);
    expect('delete' in built && built.delete.ConditionExpression).toBe(
      '#owner = :owner AND #fence = :fence AND (attribute_not_exists(#q) OR size(#q) = :qzero)',
    );
  });

  it('malformed places parse as expired, so they are evicted like a dead waiter’s', () => {
    expect(parseQueue({ L: [{ M: { id: { S: 'a' }, exp: { N: '5' } } }, { S: 'junk' }] })).toEqual([
      { id: 'a', expiresAt: 5 },
      { id: '', expiresAt: 0 },
    ]);
    expect(parseQueue(undefined)).toEqual([]);
  });
});
