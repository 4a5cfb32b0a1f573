import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  UpdateItemCommand,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { ResolvedClientOptions } from '../client/lock-client-options.js';
import { LockUnavailableError } from '../errors.js';
import { type AcquireAttempt, acquireRequest, fenceBase } from './acquire-request.js';
import { heartbeatRequest } from './heartbeat-request.js';
import type { HeldGrant } from './held-grant.js';
import { type LockInfo, parseLockInfo } from './lock-info.js';
import type { LockKey } from './lock-key.js';
import { ownWriteSentAt } from './own-write.js';
import { type QueueChange, queueRequest } from './queue-request.js';
import { readRequest } from './read-request.js';
import { type Release, releaseRequest } from './release-request.js';
import { sendWithDeadline } from './send-with-deadline.js';

/**
 * Result of one acquire write: ours (with the item as stored), or the holder seen.
 *
 * @example
 * ```ts
 * const outcome = await protocol.acquire({ key: 'job' }, attempt, sentVersions);
 * if (!outcome.acquired) console.log('held by', outcome.holder?.owner);
 * ```
 */
export type AcquireOutcome =
  | {
      readonly acquired: true;
      readonly info: LockInfo;
      readonly sentAt: number;
      /** The item did not exist before this write (its fence came from the time base). */
      readonly created?: boolean;
    }
  | { readonly acquired: false; readonly holder: LockInfo | undefined };

/**
 * The lock protocol's requests, sent: the builders' output through {@link sendWithDeadline}, and
 * the reads that resolve ambiguous outcomes. Stateless. Where the server does not return the old
 * item on a failed condition (dynalite), a conflict costs one ConsistentRead. Not public API.
 *
 * @example
 * ```ts
 * const protocol = new LockProtocol(ddb, resolveClientOptions({ tableName: 'locks' }));
 * const info = await protocol.read({ key: 'job' });
 * ```
 */
export class LockProtocol {
  constructor(
    private readonly ddb: DynamoDBClient,
    readonly options: ResolvedClientOptions,
  ) {}

  /** One conditional UpdateItem that grants the lock and bumps the fence. */
  async acquire(
    lock: LockKey,
    attempt: AcquireAttempt,
    sentVersions: ReadonlyMap<string, number>,
    signal?: AbortSignal,
  ): Promise<AcquireOutcome> {
    const { clock } = this.options;
    // The caller noted when this version went out; the lost-response paths count from that too.
    const sentAt = sentVersions.get(attempt.recordVersion) ?? clock.monotonicNow();
    const wallNow = clock.wallNow();
    try {
      const request = new UpdateItemCommand(acquireRequest(this.options, lock, attempt, wallNow));
      const out = await this.send<UpdateItemCommandOutput>(request, signal);
      const info = this.parse(out.Attributes)!;
      return { acquired: true, info, sentAt, created: info.fence === fenceBase(wallNow) + 1 };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        const holder = await this.holderFrom(error, lock, signal);
        const ourSentAt = ownWriteSentAt(holder, attempt.owner, sentVersions);
        if (holder && ourSentAt !== undefined) return { acquired: true, info: holder, sentAt: ourSentAt };
        return { acquired: false, holder };
      }
      // No answer: the write may have landed without us hearing. Look before reporting anything
      // (an abort is the caller's to report as it is).
      if (signal?.aborted || !(error instanceof LockUnavailableError) || !error.ambiguous) throw error;
      const current = await this.read(lock).catch(() => undefined);
      const ourSentAt = ownWriteSentAt(current, attempt.owner, sentVersions);
      if (current && ourSentAt !== undefined) return { acquired: true, info: current, sentAt: ourSentAt };
      throw error;
    }
  }

  /**
   * A heartbeat (see heartbeatRequest). `held: false` when the item no longer carries our grant:
   * nobody reads who holds it then, so no read is sent for it. `ended` (the lock's signal) stops
   * its retries once the lock is lost or closed: a retry landing later would renew a lease the
   * holder already gave up.
   */
  async heartbeat(
    held: HeldGrant,
    beat: number,
    leaseMs: number,
    data: string | Uint8Array | undefined,
    deadlineMs: number,
    ended?: AbortSignal,
  ) {
    const { clock } = this.options;
    const recordVersion = randomUUID();
    const request = heartbeatRequest(this.options, held, { beat, recordVersion, leaseMs, data }, clock.wallNow());
    const sentAt = clock.monotonicNow();
    try {
      await sendWithDeadline(this.ddb, new UpdateItemCommand(request), deadlineMs, ended);
      return { recordVersion, sentAt, held: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { recordVersion, sentAt, held: false };
    }
  }

  /**
   * Marks the item released (keeping it, so the fence survives) or deletes it, only while it
   * still carries our owner and fence. Resolves true when the lock is no longer held by us
   * through our own doing (including a retry after a lost response), false when a successor or
   * a deletion got there first — in which case nothing was written.
   */
  async release(held: HeldGrant, release: Release): Promise<boolean> {
    const request = releaseRequest(this.options, held, release, this.options.clock.wallNow());
    try {
      await this.send('delete' in request ? new DeleteItemCommand(request.delete) : new UpdateItemCommand(request.update));
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A delete whose response was lost finds nothing on retry: ours went through. An absent
      // item after a keep-mode release can only mean someone deleted it: not ours to report.
      const current = await this.holderFrom(error, held);
      if (current === undefined) return release.deleteItem;
      // Still ours, but clients queue for it: keep the item (and their places), marked released.
      if (release.deleteItem && current.owner === held.owner && current.fence === held.fence && current.waiters) {
        return this.release(held, { ...release, deleteItem: false });
      }
      return false;
    }
  }

  /**
   * One change to the lock's waiter queue (see queueRequest). Resolves whether it landed and the
   * item as it stands: a queue write doubles as the waiter's poll. A lost response is the
   * caller's to resolve (the next poll shows whether the place is there).
   */
  async changeQueue(lock: LockKey, change: QueueChange, signal?: AbortSignal): Promise<{ done: boolean; item: LockInfo | undefined }> {
    try {
      const out = await this.send<UpdateItemCommandOutput>(new UpdateItemCommand(queueRequest(this.options, lock, change)), signal);
      return { done: true, item: this.parse(out.Attributes) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { done: false, item: await this.holderFrom(error, lock, signal) };
    }
  }

  /** ConsistentRead of one lock: lock decisions never rest on eventually consistent reads. */
  async read(lock: LockKey, signal?: AbortSignal): Promise<LockInfo | undefined> {
    const out = await this.send<GetItemCommandOutput>(new GetItemCommand(readRequest(this.options, lock)), signal);
    return this.parse(out.Item);
  }

  /** A lock item as LockInfo; `undefined` for an absent or foreign item. */
  parse(item: Record<string, AttributeValue> | undefined): LockInfo | undefined {
    return parseLockInfo(item, this.options);
  }

  /** Sends one request within the client's request deadline. */
  send<T>(command: object, signal?: AbortSignal): Promise<T> {
    return sendWithDeadline<T>(this.ddb, command, this.options.requestTimeoutMs, signal);
  }

  /** The DynamoDB client the requests go through. */
  get dynamoDb(): DynamoDBClient {
    return this.ddb;
  }

  /** The item that made a condition fail: from the error (DynamoDB) or one ConsistentRead (dynalite). */
  private async holderFrom(error: ConditionalCheckFailedException, lock: LockKey, signal?: AbortSignal): Promise<LockInfo | undefined> {
    if (error.Item) return this.parse(error.Item);
    // DynamoDB omits it when the item is absent; servers without the feature (dynalite) always do.
    return this.read(lock, signal);
  }
}
