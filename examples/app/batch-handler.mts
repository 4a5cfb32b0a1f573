import { setTimeout as sleep } from 'node:timers/promises';
import { fencedWrite } from '@ddb-lock/runtime';
import { lockedBatchHandler } from '@ddb-lock/runtime/batch';
import type { SQSRecord } from 'aws-lambda';

/**
 * One order message: the batch worker handles a customer's orders one at a time.
 * `workMs` simulates the job.
 */
export interface OrderMessage {
  readonly customerId: string;
  readonly orderId: string;
  readonly workMs?: number;
}

const tableName = process.env.DDB_LOCK_TABLE_NAME!; // from DistributedLockTable.bindTo
const leaseMs = Number(process.env.LOCK_LEASE_MS ?? 10_000);

/**
 * SQS → Lambda with `ReportBatchItemFailures`: each order runs while its customer's lock is
 * held; orders of one customer in a batch run in order under one hold, customers in parallel;
 * an order whose customer another environment is serving is reported failed and comes back
 * after the visibility timeout.
 */
export const handler = lockedBatchHandler(
  (record: SQSRecord) => `customer#${(JSON.parse(record.body) as OrderMessage).customerId}`,
  async (record, lock) => {
    const order = JSON.parse(record.body) as OrderMessage;
    const startedAt = Date.now();
    await sleep(order.workMs ?? 50, undefined, { signal: lock.signal });
    // The protected resource: the customer's order book accepts writes only from the newest grant.
    // Every run is appended, so tests can check who processed what, when, under which fence.
    const run = {
      M: {
        orderId: { S: order.orderId },
        messageId: { S: record.messageId },
        fence: { N: String(lock.fence) },
        startedAt: { N: String(startedAt) },
        endedAt: { N: String(Date.now()) },
        env: { S: lock.owner },
      },
    };
    await fencedWrite(lock, {
      update: {
        TableName: tableName,
        Key: { pk: { S: `orders#${order.customerId}` } },
        UpdateExpression: 'SET runs = list_append(if_not_exists(runs, :none), :run)',
        ExpressionAttributeValues: { ':none': { L: [] }, ':run': { L: [run] } },
      },
    });
  },
  // The default client: each invocation tries a busy key once and hands the record back to the
  // queue, so a key held by an environment that was killed comes back through the wall-clock rule
  // (expiresAt + 1 s skew bound, the default), and leases are capped by the remaining time.
  { leaseMs, heartbeatMs: Math.round(leaseMs / 4), concurrency: 10, deadlineMarginMs: 1_000 },
);
