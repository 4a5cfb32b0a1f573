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
  expect(new Set(requests.map((r) => r.sender))).toEqual(new Set(['harness', 'table-admin', 'inspection', 'protected-write', 'lock']));
});

test('grantLockAccess grants exactly the actions the runtime sent to lock tables', () => {
  console.log(`lock operations sent: ${found.lock.join(', ')}`);
  expect(found.lock).toEqual(sorted(LockTableGrants.LOCK_ACTIONS));
});

test('grantLockInspection grants exactly the actions getLock and listLocks sent', () => {
  console.log(`inspection sent: ${found.inspection.join(', ')}`);
  expect(found.inspection).toEqual(sorted(LockTableGrants.INSPECTION_ACTIONS));
});

test('table administration (ensureTable) is in neither grant', () => {
  console.log(`ensureTable sent: ${found.tableAdmin.join(', ')}`);
  for (const action of found.tableAdmin) {
    expect(LockTableGrants.LOCK_ACTIONS).not.toContain(action);
    expect(LockTableGrants.INSPECTION_ACTIONS).not.toContain(action);
  }
});
