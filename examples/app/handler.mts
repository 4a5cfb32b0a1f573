import { setTimeout as sleep } from 'node:timers/promises';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { fencedWrite } from '@ddb-lock/runtime';
import { type LockedContext, withLock } from '@ddb-lock/runtime/middy';
import { powertoolsObserver } from '@ddb-lock/runtime/powertools';
import middy from '@middy/core';

/**
 * The example's worker: one invocation per customer at a time.
 *
 * `workMs` simulates the job; `ignoreCancellation` makes it keep going after the lock's signal
 * aborts (work that outlives its lock — the fenced write below is what keeps that safe);
 * `blockMs` blocks the event loop first (synchronous work stuck past the timeout: no timer, no
 * heartbeat, no middleware hook can run until Lambda kills the environment).
 */
export interface WorkerEvent {
  readonly customerId: string;
  readonly workMs?: number;
  readonly ignoreCancellation?: boolean;
  readonly blockMs?: number;
}

/**
 * What one invocation did while it held the lock.
 */
export interface WorkerResult {
  readonly customerId: string;
  readonly fence: number;
  readonly startedAt: number;
  readonly endedAt: number;
}

async function work(event: WorkerEvent, context: LockedContext): Promise<WorkerResult> {
  const { lock } = context;
  const startedAt = Date.now();
  if (event.blockMs) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, event.blockMs);
  await sleep(event.workMs ?? 100, undefined, event.ignoreCancellation ? {} : { signal: lock.signal });
  // The protected resource: a ledger item that accepts writes only from the newest grant.
  await fencedWrite(lock, {
    update: {
      TableName: process.env.DDB_LOCK_TABLE_NAME!,
      Key: { pk: { S: `ledger#${event.customerId}` } },
      UpdateExpression: 'SET lastFence = :f ADD entries :one',
      ExpressionAttributeValues: { ':f': { N: String(lock.fence) }, ':one': { N: '1' } },
    },
  });
  return { customerId: event.customerId, fence: lock.fence, startedAt, endedAt: Date.now() };
}

// Lock metrics as CloudWatch EMF (LockAcquireWait, LockHeld, LockContended, LockTakeover, …) with
// a `lockName` dimension: `customer#42` → `customer`, never the raw key.
const metrics = new Metrics({ namespace: 'ddb-lock-example', serviceName: 'worker' });

// DDB_LOCK_TABLE_NAME comes from DistributedLockTable.bindTo; LOCK_LEASE_MS from the stack.
export const handler = middy(work).use(
  withLock((event: WorkerEvent) => `customer#${event.customerId}`, {
    leaseMs: Number(process.env.LOCK_LEASE_MS ?? 10_000),
    heartbeatMs: Math.round(Number(process.env.LOCK_LEASE_MS ?? 10_000) / 4),
    waitMs: 60_000, // capped by the remaining invocation time
    deadlineMarginMs: 1_000,
    observers: [powertoolsObserver({ metrics })],
  }),
);
