import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LockTableGrants } from '../../src';
import { actionsFound, type RecordedRequest } from './iam-actions';

// Second half of `npm run test:least-privilege` (record.ts writes the requests): every IAM action
// the runtime needed on a lock table is granted, and nothing else is.

const folder = path.resolve(__dirname, '..', '..', 'cdk.out', 'least-privilege');
const requests: RecordedRequest[] = readdirSync(folder)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(path.join(folder, f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  );
const found = actionsFound(requests);
const sorted = (actions: string[]) => [...actions].sort();

test('the recording covers the suite: lock tables and requests of every kind', () => {
  expect(found.lockTables.length).toBeGreaterThan(5);
  expect(new Set(requests.map((r) => r.sender))).toEqual(
    new Set(['harness', 'table-admin', 'inspection', 'protected-write', 'lock', 'operator']),
  );
});

test('grantLockAccess grants exactly the actions the runtime sent to lock tables', () => {
  console.log(`lock operations sent: ${found.lock.join(', ')}`);
  expect(found.lock).toEqual(sorted(LockTableGrants.LOCK_ACTIONS));
});

test('grantLockInspection grants exactly the actions getLock and listLocks sent', () => {
  console.log(`inspection sent: ${found.inspection.join(', ')}`);
  expect(found.inspection).toEqual(sorted(LockTableGrants.INSPECTION_ACTIONS));
});

test('grantLockOperation grants exactly what the CLI operator commands sent (ls, inspect, watch, release)', () => {
  console.log(`CLI operator commands sent: ${found.operator.join(', ')}`);
  expect(found.operator).toEqual(sorted(LockTableGrants.OPERATION_ACTIONS));
});

test('the reduced grants: DeleteItem is sent only by releases, ConditionCheckItem only by guardedTransaction', () => {
  console.log(`lock actions by feature: ${JSON.stringify(found.lockSentBy)}`);
  expect(found.lockSentBy['dynamodb:DeleteItem']).toEqual(['release']);
  expect(found.lockSentBy['dynamodb:ConditionCheckItem']).toEqual(['guarded-transaction']);
  // Everything else a function sends — acquire, heartbeat, read-back — fits the smallest grant.
  expect(found.lockBesidesFeatures).toEqual(
    sorted(LockTableGrants.lockActionsFor({ allowDeleteOnRelease: false, allowGuardedTransactions: false })),
  );
  // A release without deletion is an UpdateItem: allowDeleteOnRelease false keeps plain releases working.
  expect(found.lockSentBy['dynamodb:UpdateItem']).toContain('release');
});

test('table administration (ensureTable) is in neither grant', () => {
  console.log(`ensureTable sent: ${found.tableAdmin.join(', ')}`);
  for (const action of found.tableAdmin) {
    expect(LockTableGrants.LOCK_ACTIONS).not.toContain(action);
    expect(LockTableGrants.INSPECTION_ACTIONS).not.toContain(action);
    expect(LockTableGrants.OPERATION_ACTIONS).not.toContain(action);
  }
});
