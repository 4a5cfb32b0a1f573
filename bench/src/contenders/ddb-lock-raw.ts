import { randomUUID } from 'node:crypto';
import { DeleteItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { LockTable } from '../../../runtime/src/protocol/index.ts';
import { dynamoDbClient } from '../env/sdk-clients.js';
import { importRuntime } from './runtime-bundle.js';

// The builders from the same bundle as the ddb-lock contender's client (see importRuntime).
const { acquireRequest, DEFAULTS, releaseRequest } = await importRuntime('protocol');

/** The table as the ddb-lock contender's client sees it: its defaults, no sort key. */
const TABLE: LockTable = {
  tableName: 'ddb-lock',
  partitionKeyName: DEFAULTS.partitionKeyName,
  sortKeyName: undefined,
  ttlRetentionMs: DEFAULTS.ttlRetentionMs,
};

/**
 * Diagnostic, not a contender: ddb-lock's own acquire and release requests — built by the
 * protocol's request builders, the ones the client sends — sent straight through the SDK,
 * without the client around them. Its gap to the floor is what the server spends on ddb-lock's
 * expressions; ddb-lock's gap to it is the client's own overhead (deadline timers, validation,
 * the Lock object and its timers).
 *
 * @example
 * ```ts
 * const raw = ddbLockRawReplay(endpoint);
 * await raw.pair('job-1');
 * raw.close();
 * ```
 */
export function ddbLockRawReplay(endpoint: string): { pair(key: string): Promise<void>; close(): void } {
  const ddb = dynamoDbClient(endpoint);
  return {
    async pair(key) {
      const owner = 'raw';
      const acquired = await ddb.send(
        new UpdateItemCommand(
          acquireRequest(TABLE, { key }, { owner, recordVersion: randomUUID(), leaseMs: DEFAULTS.leaseMs, replaceData: true }, Date.now()),
        ),
      );
      const release = releaseRequest(
        TABLE,
        { key, owner, fence: Number(acquired.Attributes!.fence!.N) },
        { deleteItem: false },
        Date.now(),
      );
      await ddb.send('delete' in release ? new DeleteItemCommand(release.delete) : new UpdateItemCommand(release.update));
    },
    close: () => ddb.destroy(),
  };
}
