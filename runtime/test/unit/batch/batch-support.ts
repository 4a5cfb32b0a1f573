import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import type { RecordLock } from '../../../src/batch/index.js';
import { type AcquireOptions, type Lock, LockBusyError, LockClient, LockLostError } from '../../../src/index.js';
import { payloadOf } from '../../support/batch-events.js';

/**
 * A LockClient whose acquire/release are scripted in memory: which keys someone else holds (and
 * until when), every call in order, and the options each acquire got. The batch code sees a
 * real LockClient subclass, so option checks and the client's settings are the real ones; no request
 * is ever sent. Why not aws-sdk-client-mock: these tests are about the order of holds and
 * records, not request shapes (those are the lock client's and have their own tests).
 */
export class ScriptedLockClient extends LockClient {
  /** Keys held by another owner; a promise makes the key free when it settles. */
  readonly others = new Map<string, Promise<void> | true>();
  readonly log: string[] = [];
  readonly acquireOptions: Array<{ key: string } & AcquireOptions> = [];
  private readonly mine = new Map<string, { lock: Lock; onLost?: (e: LockLostError) => void; released: boolean }>();
  private fence = 100;

  constructor() {
    super({
      tableName: 'locks',
      ownerName: 'me',
      client: new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    });
  }

  override async acquire(key: string, options: AcquireOptions = {}): Promise<Lock> {
    this.acquireOptions.push({ key, ...options });
    this.log.push(`acquire ${key}`);
    await Promise.resolve();
    const other = this.others.get(key);
    if (other === true || (other && !(await settledWithin(other, options.waitMs ?? 0)))) {
      this.log.push(`busy ${key}`);
      throw new LockBusyError(`lock ${key} is held by other`, key, 'other');
    }
    if (this.mine.get(key) && !this.mine.get(key)!.released) throw new Error(`test bug: ${key} acquired twice by this client`);
    const controller = new AbortController();
    const entry = { released: false } as { lock: Lock; onLost?: (e: LockLostError) => void; released: boolean };
    let lost = false;
    const fence = ++this.fence;
    entry.lock = {
      key,
      sortKey: options.sortKey,
      fence,
      signal: controller.signal,
      isValid: () => !lost && !entry.released,
      release: async () => {
        await Promise.resolve();
        this.log.push(`release ${key}`);
        entry.released = true;
        return !lost;
      },
    } as unknown as Lock;
    if (options.onLost) entry.onLost = options.onLost;
    (entry as { lose?: () => void }).lose = () => {
      lost = true;
      const error = new LockLostError(`lock ${key} stolen`, key, 'stolen');
      controller.abort(error);
      entry.onLost?.(error);
    };
    this.mine.set(key, entry);
    return entry.lock;
  }

  /** Someone else takes `key` from under us: the lock's onLost fires. */
  steal(key: string): void {
    (this.mine.get(key) as { lose?: () => void } | undefined)?.lose?.();
  }

  /** Keys we hold now (acquired, not released). */
  heldNow(): string[] {
    return [...this.mine].filter(([, e]) => !e.released).map(([k]) => k);
  }
}

function settledWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the scripted records are SQS-shaped and also carry the test's own fields
export type Any = SQSRecord & any;
/** The batch key of the test records: their customer. */
export const byCustomer = (record: Any) => `customer#${payloadOf<{ c: string }>(record).c}`;

/** A record handler that logs start/end per record id and can be told to fail or hang. */
export function recorder(client: ScriptedLockClient, behaviour: (id: string) => 'ok' | 'throw' | 'hang' | number = () => 'ok') {
  const seen: Array<{ id: string; fence: number; lock: RecordLock }> = [];
  let running = 0;
  let maxRunning = 0;
  const handler = async (record: Any, lock: RecordLock) => {
    const id = payloadOf<{ id: string }>(record).id;
    seen.push({ id, fence: lock.fence, lock });
    client.log.push(`start ${id}`);
    running++;
    maxRunning = Math.max(maxRunning, running);
    try {
      const what = behaviour(id);
      if (what === 'throw') throw new Error(`handler failed on ${id}`);
      if (what === 'hang') await new Promise(() => undefined);
      await new Promise((r) => setTimeout(r, typeof what === 'number' ? what : 1));
      client.log.push(`end ${id}`);
      return id;
    } finally {
      running--;
    }
  };
  return { handler, seen, maxRunning: () => maxRunning };
}

/** The item identifiers of a batch response's failures. */
export const failures = (response: { batchItemFailures: Array<{ itemIdentifier: string }> }) =>
  response.batchItemFailures.map((f) => f.itemIdentifier);
