import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LockItemSchema } from '../src';

// The runtime and the construct never import each other; they agree on the item schema through
// two copies of these constants. Reading the runtime's source as text keeps the packages apart.
const runtimeFile = path.join(__dirname, '..', '..', 'runtime', 'src', 'protocol', 'item-schema.ts');

function runtimeSchema(): Record<string, string> {
  const source = readFileSync(runtimeFile, 'utf8');
  const block = /export const LOCK_ITEM_SCHEMA = \{([\s\S]*?)\} as const;/.exec(source);
  if (!block) throw new Error(`LOCK_ITEM_SCHEMA not found in ${runtimeFile}`);
  const entries = [...block[1].matchAll(/^\s*(\w+):\s*'([^']*)',?\s*$/gm)].map((m) => [m[1], m[2]]);
  return Object.fromEntries(entries);
}

test('construct and runtime agree on the lock item schema', () => {
  expect(runtimeSchema()).toEqual({
    partitionKeyName: LockItemSchema.PARTITION_KEY_NAME,
    sortKeyName: LockItemSchema.SORT_KEY_NAME,
    ttlAttributeName: LockItemSchema.TTL_ATTRIBUTE_NAME,
    tableNameEnvVar: LockItemSchema.TABLE_NAME_ENV_VAR,
  });
});
