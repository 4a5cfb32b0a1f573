import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { jest } from '@jest/globals';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { type Clock, LockClient, type LockClientOptions } from '../../src/index.js';

export type Item = Record<string, AttributeValue>;
export type DdbMock = AwsClientStub<DynamoDBClient>;

/** Epoch ms the fake clock starts at: a fixed instant keeps TTL and fence values exact. */
export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

/**
 * A clock over jest's fake timers plus a monotonic offset that can jump without running any
 * timer: that is what a paused process (SIGSTOP, Lambda freeze) looks like when it resumes.
 */
export function pausableClock(): Clock & { pause(ms: number): void } {
  let offset = 0;
  return {
    monotonicNow: () => globalThis.performance.now() + offset,
    wallNow: () => Date.now(),
    pause: (ms) => {
      offset += ms;
    },
  };
}

/**
 * A LockClient on a mocked DynamoDBClient, under fake timers started at {@link T0}. The SDK client
 * has a region and static credentials so nothing ever walks the credential chain.
 */
export function mockedClient(options: Partial<LockClientOptions> = {}) {
  jest.useFakeTimers({ now: T0 });
  const ddb = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(ddb);
  const client = new LockClient({ tableName: 'locks', ownerName: 'me', client: ddb, ...options });
  return { ddb, mock, client };
}

/** The inputs of every call of one command class, in order. */
export function inputsOf<T = Record<string, unknown>>(mock: DdbMock, command: abstract new (...args: never[]) => unknown): T[] {
  return mock
    .calls()
    .filter((c) => c.args[0] instanceof command)
    .map((c) => (c.args[0] as unknown as { input: T }).input);
}

/** Operation names of every request sent, in order ("UpdateItem", "GetItem", …). */
export function operations(mock: DdbMock): string[] {
  return mock.calls().map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''));
}

/** The item an UpdateItem acquire or heartbeat would leave, as DynamoDB's ALL_NEW returns it. */
export function itemFromUpdate(input: UpdateItemCommandInput, fence = T0 * 1000 + 1): Item {
  const v = input.ExpressionAttributeValues ?? {};
  return {
    ...input.Key,
    owner: v[':owner'] ?? { S: 'me' },
    rvn: v[':rvn']!,
    fence: { N: String(fence) },
    leaseMs: v[':leaseMs']!,
    expiresAt: v[':expiresAt']!,
    released: { BOOL: false },
    ttl: v[':ttl']!,
    ...(v[':data'] && { data: v[':data'] }),
  };
}

/** A stored lock item held by `owner`. */
export function lockItem(
  overrides: { owner?: string; rvn?: string; fence?: number; leaseMs?: number; released?: boolean; expiresAt?: number; key?: string } = {},
): Item {
  return {
    pk: { S: overrides.key ?? 'job' },
    owner: { S: overrides.owner ?? 'other' },
    rvn: { S: overrides.rvn ?? 'their-rvn' },
    fence: { N: String(overrides.fence ?? 7) },
    leaseMs: { N: String(overrides.leaseMs ?? 20_000) },
    expiresAt: { N: String(overrides.expiresAt ?? T0 + 20_000) },
    released: { BOOL: overrides.released ?? false },
  };
}

/** The error DynamoDB returns on a failed condition; `Item` only when the server sends ALL_OLD. */
export function conditionFailed(item?: Item): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: { httpStatusCode: 400 },
    ...(item && { Item: item }),
  });
}

/** A response lost on the wire: no HTTP status, so the write may or may not have landed. */
export function networkError(): Error {
  return Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET', $metadata: {} });
}

/** DynamoDB throttling (HTTP 400, never applied). */
export function throttled(): Error {
  return Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } });
}

/** A promise the test settles by hand, to interleave a request with other calls. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * A response that never arrives: the call rejects only when the SDK would, i.e. when the
 * request's abortSignal fires. Reads the signal from the stub's latest call.
 */
export function hangUntilAborted(mock: DdbMock): Promise<never> {
  const options = (mock.send.lastCall?.args as unknown[] | undefined)?.[1] as { abortSignal?: AbortSignal } | undefined;
  const signal = options?.abortSignal;
  return new Promise((_, reject) => {
    const abort = () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    if (!signal) return;
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
  });
}

/** Lets every queued promise callback run (mocked responses resolve in microtasks). */
export async function flush(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

/** Every UpdateItem succeeds as on an empty table; acquires get ALL_NEW back. */
export function grantEveryWrite(mock: DdbMock, fence?: number): void {
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => ({ Attributes: itemFromUpdate(input, fence) }));
}

/**
 * DynamoDB rejects a request that declares an expression name or value it does not use, so
 * every `#name` / `:value` declared must appear in one of the request's expressions.
 */
export function unusedPlaceholders(input: {
  UpdateExpression?: string;
  ConditionExpression?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}): string[] {
  const text = [input.UpdateExpression, input.ConditionExpression, input.KeyConditionExpression].join(' ');
  const declared = [...Object.keys(input.ExpressionAttributeNames ?? {}), ...Object.keys(input.ExpressionAttributeValues ?? {})];
  return declared.filter((p) => !new RegExp(`${p}(?![\\w])`).test(text));
}

/** Runs fake time forward by `ms` while `promise` settles (retries and polls sleep on timers). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await jest.advanceTimersByTimeAsync(ms);
  const settled = await Promise.race([outcome, Promise.resolve(undefined)]);
  if (settled === undefined) throw new Error(`still pending after ${ms} ms of fake time`);
  if ('error' in settled) throw settled.error;
  return settled.value;
}

/**
 * A lock table in memory: every request is answered by the DynamoDB model (`@ddb-lock/local-dynamo/memory`:
 * dynalite's own expression parser and evaluator, in-process), so the real condition and update
 * expressions decide — the takeover grounds, the beat clause, the fence arithmetic — and a failed
 * condition returns the old item as DynamoDB does. `item` is the item of partition key "job" (set
 * it to put a successor there); `loseNext` drops the response of the next successful write(s)
 * *after* applying them; `beforeWrite` runs before a write is applied. `keys.sortKeyName` gives the
 * table a sort key (then `item` is unused: items are keyed by both).
 */
export function fakeLockTable(mock: DdbMock, keys: { sortKeyName?: string } = {}) {
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable('locks', { partitionKeyName: 'pk', ...keys });
  const job = { pk: { S: 'job' } };
  const table = {
    model: ddb.model,
    loseNext: 0,
    get item(): Item | undefined {
      return ddb.model.item('locks', job) as Item | undefined;
    },
    set item(value: Item | undefined) {
      ddb.model.setItem('locks', job, value);
    },
    /** Runs before a write is applied: park it on a promise, or throw, to interleave it with others. */
    beforeWrite: undefined as
      | ((kind: 'acquire' | 'heartbeat' | 'release', input: UpdateItemCommandInput | DeleteItemCommandInput) => Promise<void> | void)
      | undefined,
  };
  const write = async (operation: string, input: UpdateItemCommandInput | DeleteItemCommandInput) => {
    const v = input.ExpressionAttributeValues ?? {};
    await table.beforeWrite?.(
      v[':fenceBase'] ? 'acquire' : operation === 'DeleteItem' || (v[':true'] && !v[':rvn']) ? 'release' : 'heartbeat',
      input,
    );
    const answer = ddb.answer(operation, input);
    if (table.loseNext > 0) {
      table.loseNext--;
      throw networkError();
    }
    return answer;
  };
  mock.on(UpdateItemCommand).callsFake((input: UpdateItemCommandInput) => write('UpdateItem', input));
  mock.on(DeleteItemCommand).callsFake((input: DeleteItemCommandInput) => write('DeleteItem', input));
  mock.on(GetItemCommand).callsFake((input: object) => ddb.answer('GetItem', input));
  return table;
}
