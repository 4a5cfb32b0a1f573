import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type GetItemCommandOutput,
  type UpdateItemCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { LOCK_ATTRIBUTES as A, LOCK_ITEM_SCHEMA } from './item-schema.js';
import type { ResolvedClientOptions } from '../client/lock-client-options.js';
import { parseLockInfo, type LockInfo } from './lock-info.js';
import { sendWithDeadline } from './send-with-deadline.js';

type Item = Record<string, AttributeValue>;

/**
 * Primary key of one lock: the partition key, and the sort key on tables that have one.
 *
 * @example
 * ```ts
 * const item = await ddb.send(new GetItemCommand({ TableName: 'locks', Key: client.keyOf({ key: 'orders', sortKey: 'customer#42' }) }));
 * ```
 */
export interface LockKey {
  readonly key: string;
  readonly sortKey?: string;
}

/** What an acquire attempt may take over besides an absent or released item. */
export interface AcquireGrounds {
  /** Record version watched unchanged for a full lease (skew-free takeover). */
  readonly observedRecordVersion?: string;
  /** Take an item already owned by this owner. */
  readonly reentrant?: boolean;
  /** Fast takeover: items whose expiresAt is before this wall-clock instant. */
  readonly expiredBefore?: number;
}

/** Input of one acquire write. */
export interface AcquireAttempt extends AcquireGrounds {
  readonly owner: string;
  readonly recordVersion: string;
  readonly leaseMs: number;
  readonly data?: string | Uint8Array;
  readonly replaceData: boolean;
}

/** Result of one acquire write: ours (with the item as stored), or the holder seen. */
export type AcquireOutcome =
  | {
    readonly acquired: true; readonly info: LockInfo; readonly sentAt: number;
    /** The item did not exist before this write (its fence came from the time base). */
    readonly created?: boolean;
  }
  | { readonly acquired: false; readonly holder: LockInfo | undefined; readonly observedAt: number };

/**
 * The lock protocol's DynamoDB requests: one conditional write per acquire, heartbeat and
 * release, and the reads that resolve ambiguous outcomes. Stateless. Where the server does not
 * return the old item on a failed condition (dynalite), a conflict costs one ConsistentRead.
 */
export class LockProtocol {
  constructor(
    private readonly ddb: DynamoDBClient,
    readonly options: ResolvedClientOptions,
  ) {}

  /** The DynamoDB key of a lock. */
  keyOf(lock: LockKey): Item {
    const { partitionKeyName, sortKeyName } = this.options;
    return {
      [partitionKeyName]: { S: lock.key },
      ...(sortKeyName !== undefined && lock.sortKey !== undefined && { [sortKeyName]: { S: lock.sortKey } }),
    };
  }

  /** One conditional UpdateItem that grants the lock and bumps the fence. */
  async acquire(lock: LockKey, attempt: AcquireAttempt, knownRecordVersions: ReadonlyMap<string, number>, signal?: AbortSignal): Promise<AcquireOutcome> {
    const { clock } = this.options;
    const sentAt = clock.monotonicNow();
    const input = this.acquireInput(lock, attempt);
    try {
      const out = await this.send<UpdateItemCommandOutput>(new UpdateItemCommand(input), this.options.requestTimeoutMs, signal);
      const info = this.parse(out.Attributes)!;
      return { acquired: true, info, sentAt, created: info.fence === Number(input.ExpressionAttributeValues[':fenceBase']!.N) + 1 };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const holder = await this.holderFrom(error, lock, signal);
      // A retry of our own write (lost response) fails its condition against our own item.
      const ourSentAt = holder && !holder.released && holder.owner === attempt.owner ? knownRecordVersions.get(holder.recordVersion) : undefined;
      if (holder && ourSentAt !== undefined) return { acquired: true, info: holder, sentAt: ourSentAt };
      return { acquired: false, holder, observedAt: clock.monotonicNow() };
    }
  }

  /** The acquire request; exported shape is asserted in tests. */
  acquireInput(lock: LockKey, attempt: AcquireAttempt) {
    const { clock, tableName, partitionKeyName } = this.options;
    const wallNow = clock.wallNow();
    const names: Record<string, string> = {
      '#pk': partitionKeyName, '#owner': A.owner, '#rvn': A.recordVersion, '#fence': A.fence,
      '#leaseMs': A.leaseMs, '#expiresAt': A.expiresAt, '#released': A.released, '#ttl': LOCK_ITEM_SCHEMA.ttlAttributeName,
      '#beat': A.beat,
    };
    const values: Item = {
      ':owner': { S: attempt.owner },
      ':zero': { N: '0' },
      ':rvn': { S: attempt.recordVersion },
      ':leaseMs': { N: String(attempt.leaseMs) },
      ':expiresAt': { N: String(wallNow + attempt.leaseMs) },
      ':ttl': { N: String(this.ttlSeconds(wallNow + attempt.leaseMs)) },
      ':true': { BOOL: true },
      ':false': { BOOL: false },
      // A new item starts its fence from the wall clock in µs, so a lock deleted (TTL,
      // deleteOnRelease) and created again later still gets a larger token.
      ':fenceBase': { N: String(wallNow * 1000) },
      ':one': { N: '1' },
    };
    let set = '#owner = :owner, #rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, '
      + '#released = :false, #beat = :zero, #fence = if_not_exists(#fence, :fenceBase) + :one';
    let remove = '';
    if (attempt.data !== undefined) {
      names['#data'] = A.data;
      values[':data'] = typeof attempt.data === 'string' ? { S: attempt.data } : { B: attempt.data };
      set += ', #data = :data';
    } else if (attempt.replaceData) {
      names['#data'] = A.data;
      remove = ' REMOVE #data';
    }
    const grounds = ['attribute_not_exists(#pk)', '#released = :true'];
    if (attempt.observedRecordVersion !== undefined) {
      grounds.push('#rvn = :observedRvn');
      values[':observedRvn'] = { S: attempt.observedRecordVersion };
    }
    if (attempt.reentrant) grounds.push('#owner = :owner');
    if (attempt.expiredBefore !== undefined) {
      grounds.push('#expiresAt < :expiredBefore');
      values[':expiredBefore'] = { N: String(attempt.expiredBefore) };
    }
    return {
      TableName: tableName,
      Key: this.keyOf(lock),
      UpdateExpression: `SET ${set}${remove}`,
      ConditionExpression: grounds.join(' OR '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW' as const,
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
  }

  /**
   * Rotates the record version and extends the lease, only while the item still carries our
   * owner and fence and is not released. Conditioning on the fence (fixed for the grant) rather
   * than the rotating version makes a retried heartbeat whose first response was lost succeed.
   * `beat` numbers the grant's heartbeats: a late copy of an older one (a request the network
   * delivered after a newer heartbeat landed) is refused, so a record version never comes back —
   * a waiter that saw it before, missed the newer one and saw it again would count a lease from
   * the first sighting while the holder counts from its newer heartbeat.
   */
  async heartbeat(held: HeldGrant, beat: number, leaseMs: number, data: string | Uint8Array | undefined, deadlineMs: number): Promise<{ recordVersion: string; sentAt: number; held: boolean; holder?: LockInfo }> {
    const { clock } = this.options;
    const recordVersion = randomUUID();
    const wallNow = clock.wallNow();
    const sentAt = clock.monotonicNow();
    const names: Record<string, string> = {
      '#owner': A.owner, '#fence': A.fence, '#released': A.released, '#rvn': A.recordVersion,
      '#leaseMs': A.leaseMs, '#expiresAt': A.expiresAt, '#ttl': LOCK_ITEM_SCHEMA.ttlAttributeName, '#beat': A.beat,
    };
    const values: Item = {
      ':owner': { S: held.owner }, ':fence': { N: String(held.fence) }, ':false': { BOOL: false }, ':beat': { N: String(beat) },
      ':rvn': { S: recordVersion }, ':leaseMs': { N: String(leaseMs) },
      ':expiresAt': { N: String(wallNow + leaseMs) }, ':ttl': { N: String(this.ttlSeconds(wallNow + leaseMs)) },
    };
    let set = '#rvn = :rvn, #leaseMs = :leaseMs, #expiresAt = :expiresAt, #ttl = :ttl, #beat = :beat';
    if (data !== undefined) {
      names['#data'] = A.data;
      values[':data'] = typeof data === 'string' ? { S: data } : { B: data };
      set += ', #data = :data';
    }
    try {
      await this.send(new UpdateItemCommand({
        TableName: this.options.tableName,
        Key: this.keyOf(held),
        UpdateExpression: `SET ${set}`,
        ConditionExpression: '#owner = :owner AND #fence = :fence AND #released = :false AND (attribute_not_exists(#beat) OR #beat <= :beat)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }), deadlineMs);
      return { recordVersion, sentAt, held: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return { recordVersion, sentAt, held: false, holder: await this.holderFrom(error, held) };
    }
  }

  /**
   * Marks the item released (keeping it, so the fence survives) or deletes it, only while it
   * still carries our owner and fence. Resolves true when the lock is no longer held by us
   * through our own doing (including a retry after a lost response), false when a successor or
   * a deletion got there first — in which case nothing was written.
   */
  async release(held: HeldGrant, opts: { deleteItem: boolean; data?: string | Uint8Array }): Promise<boolean> {
    const { clock, tableName, requestTimeoutMs } = this.options;
    const names: Record<string, string> = { '#owner': A.owner, '#fence': A.fence };
    const values: Item = { ':owner': { S: held.owner }, ':fence': { N: String(held.fence) } };
    const condition = '#owner = :owner AND #fence = :fence';
    try {
      if (opts.deleteItem) {
        await this.send(new DeleteItemCommand({
          TableName: tableName, Key: this.keyOf(held), ConditionExpression: condition,
          ExpressionAttributeNames: names, ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }), requestTimeoutMs);
        return true;
      }
      names['#released'] = A.released;
      names['#ttl'] = LOCK_ITEM_SCHEMA.ttlAttributeName;
      values[':true'] = { BOOL: true };
      values[':ttl'] = { N: String(this.ttlSeconds(clock.wallNow())) };
      let set = '#released = :true, #ttl = :ttl';
      if (opts.data !== undefined) {
        names['#data'] = A.data;
        values[':data'] = typeof opts.data === 'string' ? { S: opts.data } : { B: opts.data };
        set += ', #data = :data';
      }
      await this.send(new UpdateItemCommand({
        TableName: tableName, Key: this.keyOf(held), UpdateExpression: `SET ${set}`, ConditionExpression: condition,
        ExpressionAttributeNames: names, ExpressionAttributeValues: values,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }), requestTimeoutMs);
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A delete whose response was lost finds nothing on retry: ours went through. An absent
      // item after a keep-mode release can only mean someone deleted it: not ours to report.
      const current = await this.holderFrom(error, held);
      if (current === undefined) return opts.deleteItem;
      return false;
    }
  }

  /** ConsistentRead of one lock: lock decisions never rest on eventually consistent reads. */
  async read(lock: LockKey, signal?: AbortSignal): Promise<LockInfo | undefined> {
    const out = await this.send<GetItemCommandOutput>(new GetItemCommand({
      TableName: this.options.tableName, Key: this.keyOf(lock), ConsistentRead: true,
    }), this.options.requestTimeoutMs, signal);
    return this.parse(out.Item);
  }

  parse(item: Item | undefined): LockInfo | undefined {
    return parseLockInfo(item, { pk: this.options.partitionKeyName, ...(this.options.sortKeyName !== undefined && { sk: this.options.sortKeyName }) });
  }

  /** TTL in epoch seconds: DynamoDB ignores TTL values in milliseconds (they look far in the future). */
  ttlSeconds(wallMs: number): number {
    return Math.ceil((wallMs + this.options.ttlRetentionMs) / 1000);
  }

  send<T>(command: object, deadlineMs: number, signal?: AbortSignal): Promise<T> {
    return sendWithDeadline<T>(this.ddb, command, deadlineMs, signal);
  }

  /** The item that made a condition fail: from the error (DynamoDB) or one ConsistentRead (dynalite). */
  private async holderFrom(error: ConditionalCheckFailedException, lock: LockKey, signal?: AbortSignal): Promise<LockInfo | undefined> {
    if (error.Item) return this.parse(error.Item);
    // DynamoDB omits it when the item is absent; servers without the feature (dynalite) always do.
    return this.read(lock, signal);
  }
}

/** The parts of a held grant that its conditional writes check. */
export interface HeldGrant extends LockKey {
  readonly owner: string;
  readonly fence: number;
}
