import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoDbClient } from '../env/sdk-clients.js';
import type { Contender, ContenderKind, Held } from './contender.js';

/**
 * @aws-lambda-powertools/idempotency as a one-shot lock: an idempotent function's record is
 * INPROGRESS while the body runs (acquire = conditional PutItem) and COMPLETED after it
 * (release = UpdateItem). The record then answers every repeat of that key until it expires, so
 * it is compared only where each key is used once: request counts, latency, throughput.
 */
/** The slice of a Lambda context Powertools reads: a minute of remaining time per invocation. */
const lambdaContext = { getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

export const powertools: ContenderKind = {
  id: 'powertools',
  label: 'Powertools idempotency (one-shot)',
  table: { name: 'powertools', partitionKey: 'id' },
  can: { heartbeat: false, wait: false, takeover: false },
  describe: () => 'makeIdempotent(fn, { eventKeyJmesPath: "key" }), DynamoDBPersistenceLayer, no local cache',
  create(endpoint, _settings, tag): Contender {
    const awsSdkV3Client = dynamoDbClient(endpoint, tag);
    const persistenceStore = new DynamoDBPersistenceLayer({ tableName: 'powertools', awsSdkV3Client });
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'key' });
    // The body is the critical section: it waits until the scenario releases.
    const run = makeIdempotent(
      async (event: { key: string; section: Promise<void>; entered: () => void }) => {
        event.entered();
        await event.section;
        return 'done';
      },
      { persistenceStore, config },
    );

    const tryAcquire = (key: string) =>
      new Promise<Held | undefined>((resolve, reject) => {
        // As in a Lambda invocation: the in-progress record then expires with the invocation.
        config.registerLambdaContext(lambdaContext);
        let release!: () => void;
        const section = new Promise<void>((r) => {
          release = r;
        });
        const done = run({
          key,
          section,
          entered: () =>
            resolve({
              release: async () => {
                release();
                await done;
              },
            }),
        });
        done.catch((error: { name?: string }) => {
          if (error?.name === 'IdempotencyAlreadyInProgressError') resolve(undefined);
          else reject(error);
        });
      });
    return {
      tryAcquire,
      async acquire(key) {
        const held = await tryAcquire(key);
        if (!held) throw new Error(`powertools: ${key} is in progress elsewhere (it cannot wait)`);
        return held;
      },
      close: async () => awsSdkV3Client.destroy(),
    };
  },
};
