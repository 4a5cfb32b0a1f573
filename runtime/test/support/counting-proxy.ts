import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type CountingProxy, FAKE_CREDENTIALS, startCountingProxy } from '@ddb-lock/local-dynamo';
import { afterAll, beforeAll } from '@jest/globals';
import { onRealDynamoDb } from './test-table.js';

/**
 * A loopback proxy that counts requests at the wire in front of the local test server, for the
 * calling test file: started in `beforeAll`, stopped in `afterAll`. It cannot stand in front of
 * DynamoDB's TLS endpoint, so on real DynamoDB it is never started (skip those tests there).
 */
export function useCountingProxy(): { readonly proxy: CountingProxy; readonly client: DynamoDBClient } {
  let proxy: CountingProxy | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    if (onRealDynamoDb) return;
    proxy = await startCountingProxy(process.env.DDB_LOCK_TEST_ENDPOINT!);
    client = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  });
  afterAll(async () => {
    client?.destroy();
    await proxy?.stop();
  });
  return {
    get proxy() {
      if (!proxy) throw new Error('useCountingProxy: the proxy runs from beforeAll on, on a local server');
      return proxy;
    },
    get client() {
      if (!client) throw new Error('useCountingProxy: the proxy runs from beforeAll on, on a local server');
      return client;
    },
  };
}
