import {
  BatchGetItemCommand,
  type BatchGetItemCommandInput,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { conditionFailed, type DdbMock, type Item, itemFromUpdate, T0 } from '../support.js';

/**
 * An in-memory lock table behind the mock that evaluates what the semaphore's requests ask:
 * the acquire's grounds (absent, released, watched record version, expired in wall-clock mode)
 * and its size stamp, heartbeats and releases on owner + fence, and consistent BatchGetItem.
 * A failed condition returns the old item, as DynamoDB does. `ops` lists every request sent.
 */
export function fakePermitTable(mock: DdbMock) {
  const items = new Map<string, Item>();
  const ops: string[] = [];
  let fence = T0 * 1000;
  const keyOf = (input: { Key?: Item }) => input.Key!.pk!.S!;
  const value = (input: UpdateItemCommandInput, name: string) => input.ExpressionAttributeValues?.[name];
  const acquireAllowed = (input: UpdateItemCommandInput, stored: Item | undefined): boolean => {
    const permits = value(input, ':permits');
    if (permits && stored?.permits && stored.permits.N !== permits.N) return false;
    if (!stored || stored.released?.BOOL === true) return true;
    const observed = value(input, ':observedRvn');
    if (observed && stored.rvn!.S === observed.S) return true;
    const expiredBefore = value(input, ':expiredBefore');
    return expiredBefore !== undefined && Number(stored.expiresAt!.N) < Number(expiredBefore.N);
  };
  const grantHeld = (input: UpdateItemCommandInput, stored: Item | undefined, notReleased: boolean): boolean =>
    stored !== undefined &&
    stored.owner!.S === value(input, ':owner')!.S &&
    stored.fence!.N === value(input, ':fence')!.N &&
    (!notReleased || stored.released?.BOOL !== true);
  mock.on(UpdateItemCommand).callsFake(async (input: UpdateItemCommandInput) => {
    const key = keyOf(input);
    const stored = items.get(key);
    let next: Item;
    if (value(input, ':fenceBase')) {
      ops.push('acquire');
      if (!acquireAllowed(input, stored)) throw conditionFailed(stored);
      fence = stored ? Number(stored.fence!.N) + 1 : fence + 1;
      next = { ...itemFromUpdate(input, fence), ...(value(input, ':permits') && { permits: value(input, ':permits')! }) };
    } else if (value(input, ':beat')) {
      ops.push('heartbeat');
      if (!grantHeld(input, stored, true)) throw conditionFailed(stored);
      next = { ...stored!, rvn: value(input, ':rvn')!, leaseMs: value(input, ':leaseMs')!, expiresAt: value(input, ':expiresAt')! };
    } else if (value(input, ':to')) {
      ops.push('resize');
      if (stored?.permits?.N !== value(input, ':from')!.N) throw conditionFailed(stored);
      next = { ...stored!, permits: value(input, ':to')! };
    } else {
      ops.push('release');
      if (!grantHeld(input, stored, false)) throw conditionFailed(stored);
      next = { ...stored!, released: { BOOL: true } };
    }
    items.set(key, next);
    return { Attributes: next };
  });
  mock.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => {
    ops.push('readMany');
    const [tableName, request] = Object.entries(input.RequestItems!)[0]!;
    if (request.ConsistentRead !== true) throw new Error('the semaphore must read consistently');
    const found = request.Keys!.flatMap((k) => (items.has(k.pk!.S!) ? [items.get(k.pk!.S!)!] : []));
    return { Responses: { [tableName]: found.reverse() } }; // out of order, as DynamoDB may answer
  });
  return { items, ops };
}
