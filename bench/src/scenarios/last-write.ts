import { type AttributeValue, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { ContenderKind } from '../contenders/contender.js';
import { GROUP } from '../contenders/deliveryhero.js';
import { dynamoDbClient } from '../env/sdk-clients.js';

/** How often the watcher reads the holder's item: the error of the "from last write" figures. */
export const LAST_WRITE_POLL_MS = 20;

/**
 * Watches one lock item with ConsistentRead GetItems every {@link LAST_WRITE_POLL_MS} until
 * stopped, and tells when its content last changed: the holder's last write, whatever the
 * library (a heartbeat rewrites a record version or a guid in every one of them). The time is
 * when the read that first showed the final content was sent, so the write happened at most one
 * poll before it. Its requests carry their own tag and count for nobody.
 *
 * @example
 * ```ts
 * const watch = watchLastWrite(endpoint, kind, key);
 * holder.kill('SIGKILL');
 * const lastWriteAt = await watch.stop(); // performance.now() ms
 * ```
 */
export function watchLastWrite(endpoint: string, kind: ContenderKind, key: string): { stop(): Promise<number> } {
  const ddb = dynamoDbClient(endpoint, 'watcher');
  const Key: Record<string, AttributeValue> = { [kind.table.partitionKey]: { S: key } };
  if (kind.table.sortKey) Key[kind.table.sortKey] = { S: GROUP };
  let stopped = false;
  let last: string | undefined;
  let changedAt = Number.NaN;
  const loop = (async () => {
    while (!stopped) {
      const sent = performance.now();
      const { Item } = await ddb.send(new GetItemCommand({ TableName: kind.table.name, Key, ConsistentRead: true }));
      const content = JSON.stringify(Item ?? null);
      if (content !== last) {
        // The first read sees a write of unknown age: only a change observed later is timed.
        changedAt = last === undefined ? Number.NaN : sent;
        last = content;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, sent + LAST_WRITE_POLL_MS - performance.now())));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      ddb.destroy();
      return changedAt;
    },
  };
}
