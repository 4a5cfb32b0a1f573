import http from 'node:http';
import { createRequire } from 'node:module';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_TAG, userAgentTag } from '@ddb-lock/local-dynamo';

/** Static fake credentials and a region: the SDK must never walk the credential chain here. */
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };
const region = 'us-east-1';

/** SDK v3 client on the counting proxy. Each contender gets its own, like a separate process would. */
export function dynamoDbClient(endpoint: string, tag = DEFAULT_TAG): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials, customUserAgent: userAgentTag(tag) });
}

/** SDK v3 DocumentClient (what @deliveryhero/dynamodb-lock and Powertools are written against). */
export function documentClientV3(endpoint: string, tag = DEFAULT_TAG): DynamoDBDocument {
  return DynamoDBDocument.from(dynamoDbClient(endpoint, tag));
}

/** The slice of aws-sdk v2's DocumentClient that dynamodb-lock-client calls. */
export interface DocumentClientV2 {
  get(params: object, cb: (err: unknown, data: unknown) => void): unknown;
  put(params: object, cb: (err: unknown, data: unknown) => void): unknown;
  delete(params: object, cb: (err: unknown, data: unknown) => void): unknown;
}

/**
 * aws-sdk v2 DocumentClient on the counting proxy, for dynamodb-lock-client. Loaded lazily after
 * silencing v2's maintenance-mode notice. v2 opens a new connection per request unless given a
 * keep-alive agent; we give it one, as any latency-conscious user would, so the comparison is
 * about the lock protocol and not about TCP handshakes.
 */
export function documentClientV2(endpoint: string, tag = DEFAULT_TAG): DocumentClientV2 {
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  const AWS = createRequire(import.meta.url)('aws-sdk') as {
    DynamoDB: { DocumentClient: new (options: object) => DocumentClientV2 };
  };
  return new AWS.DynamoDB.DocumentClient({
    endpoint,
    region,
    credentials,
    maxRetries: 3,
    customUserAgent: userAgentTag(tag),
    httpOptions: { agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) },
  });
}
