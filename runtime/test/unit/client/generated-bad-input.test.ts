import { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { LockClient, LockConfigurationError, LockValidationError } from '../../../src/index.js';
import { MAX_DURATION_MS, MAX_PARTITION_KEY_BYTES } from '../../../src/validate.js';

// Bad input, generated (issue 24): keys, acquire options and client options drawn by fast-check
// (pinned in projenrc/versions.ts; the seed below replays the same cases), each call answered by
// the in-memory DynamoDB model, which validates requests as DynamoDB does. Every call must be
// either refused with LockValidationError before any request, or valid: then no request it sends
// is refused as invalid by the server. And what the issue found accepted — a lone surrogate in a
// key, fractional or absurd durations, a table name DynamoDB refuses — must be refused.

const SEED = 24;
const utf8 = new TextEncoder();
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const validKey = (k: unknown) => typeof k === 'string' && k.length > 0 && wellFormed(k) && utf8.encode(k).length <= MAX_PARTITION_KEY_BYTES;
const validDuration = (d: unknown) => d === undefined || (typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= MAX_DURATION_MS);
const validTableName = (t: unknown) =>
  typeof t === 'string' &&
  (/^[a-zA-Z0-9_.-]{3,255}$/.test(t) || /^arn:aws:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}$/.test(t));

const junk = fc.oneof(fc.constant(null), fc.boolean(), fc.object({ maxDepth: 1 }), fc.constant([]));
const badDuration = fc.oneof(
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(-1, 1e15, 1000.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_DURATION_MS + 1),
  fc.string({ maxLength: 4 }),
  junk,
);
// Mostly sane, so most calls get as far as a request; the rest is every kind of wrong.
const duration = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 90_000 }) }, { weight: 1, arbitrary: badDuration });
const text = (max: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: max }),
    fc.string({ unit: 'grapheme', maxLength: max }),
    fc.constantFrom('a\ud800b', '\udc00', 'x'.repeat(2049), 'é'.repeat(1025), '😀'.repeat(512), '😀'.repeat(513), 'job'),
  );
const tableName = fc.oneof(
  { weight: 6, arbitrary: fc.constant('locks') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'my locks',
      'lo',
      'x'.repeat(256),
      'ok.name_-1',
      'lock$',
      '',
      'arn:aws:dynamodb:eu-west-1:123456789012:table/locks',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z0-9_. -]{1,8}$/) },
  { weight: 1, arbitrary: junk },
);
/** Absent most of the time: each option present and wrong on its own now and then, so most calls reach the table. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const defined = (options: Record<string, unknown>) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
const clientOptions = fc
  .record({
    tableName,
    leaseMs: sometimes(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1_000, max: 90_000 }) }, { weight: 1, arbitrary: badDuration })),
    ttlRetentionMs: sometimes(duration),
    pollMs: sometimes(duration),
    requestTimeoutMs: sometimes(duration),
    ownerName: sometimes(text(8)),
  })
  .map(defined);
const acquireOptions = fc
  .record({
    waitMs: sometimes(duration),
    pollMs: sometimes(duration),
    leaseMs: sometimes(duration),
    data: sometimes(fc.oneof(text(6), fc.uint8Array({ maxLength: 4 }), junk)),
    reentrant: sometimes(fc.oneof(fc.boolean(), junk)),
    sortKey: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: text(4) }),
    deleteOnRelease: sometimes(fc.oneof(fc.boolean(), junk)),
    leaseMS: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer() }),
  })
  .map(defined);

/** Every request the client sends, and the ones the model refused as malformed. */
function countingModel() {
  const ddb = new MemoryDynamoClient();
  ddb.model.createTable('locks', { partitionKeyName: 'pk' });
  const sent: string[] = [];
  const invalid: string[] = [];
  const client = {
    send: async (command: Parameters<MemoryDynamoClient['send']>[0], options?: { abortSignal?: AbortSignal }) => {
      sent.push(command.constructor.name);
      try {
        return await ddb.send(command, options);
      } catch (error) {
        if ((error as Error).name === 'ValidationException') invalid.push(`${command.constructor.name}: ${(error as Error).message}`);
        throw error;
      }
    },
  };
  return { client, sent, invalid };
}

/**
 * Runs `call`: refused (LockValidationError for the caller's input, LockConfigurationError for the
 * client's options; thrown or rejected) or its outcome.
 */
async function outcome(call: () => unknown): Promise<{ refused: boolean; error?: unknown }> {
  try {
    await call();
    return { refused: false };
  } catch (error) {
    const refused = error instanceof LockValidationError || error instanceof LockConfigurationError;
    return { refused, error };
  }
}

test('generated calls are valid, or refused with LockValidationError or LockConfigurationError before any request', async () => {
  const seen = { refused: 0, sent: 0 };
  await fc.assert(
    fc.asyncProperty(
      clientOptions,
      fc.oneof({ weight: 6, arbitrary: text(12) }, { weight: 1, arbitrary: junk }),
      acquireOptions,
      fc.boolean(),
      async (options, key, acquire, tryOnly) => {
        const { client: ddb, sent, invalid } = countingModel();
        let client: LockClient | undefined;
        const made = await outcome(() => {
          client = new LockClient({ ...(options as object), client: ddb as never } as never);
        });
        const badClient =
          !validTableName(options.tableName) || !Object.entries(options).every(([k, v]) => !k.endsWith('Ms') || validDuration(v));
        if (badClient) {
          expect(made).toMatchObject({ refused: true });
          expect(made.error).toBeInstanceOf(LockConfigurationError); // bad client options are configuration
        }
        if (!client) {
          expect({ made: made.refused, sent }).toEqual({ made: true, sent: [] });
          return;
        }
        const call = tryOnly
          ? () => client!.tryAcquire(key as string, acquire as never)
          : () => client!.acquire(key as string, acquire as never);
        const result = await outcome(async () => {
          const lock = await call();
          await lock?.release();
        });
        await client.close().catch(() => undefined);
        const badCall =
          !validKey(key) ||
          !['waitMs', 'pollMs', 'leaseMs'].every((k) => validDuration((acquire as Record<string, unknown>)[k])) ||
          (typeof acquire.data === 'string' && !wellFormed(acquire.data)) ||
          'leaseMS' in acquire;
        if (badCall) expect(result).toMatchObject({ refused: true });
        if (result.refused) expect(sent).toEqual([]);
        else expect(invalid).toEqual([]);
        seen.refused += result.refused ? 1 : 0;
        seen.sent += sent.length > 0 ? 1 : 0;
      },
    ),
    { seed: SEED, numRuns: 400 },
  );
  // The draw must reach both sides: calls refused, and calls that got as far as the table.
  expect(seen.refused).toBeGreaterThan(40);
  expect(seen.sent).toBeGreaterThan(40);
});
