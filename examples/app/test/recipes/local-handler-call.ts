import { type LockedContext, withLock } from '@ddb-lock/runtime/middy';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

// A handler as deployed: DDB_LOCK_TABLE_NAME comes from the construct (grantLockAccess or bindTo).
export const handler = middy(async (event: { customerId: string }, context: LockedContext) => {
  return { customerId: event.customerId, fence: context.lock.fence, owner: context.lock.owner };
}).use(withLock((event: { customerId: string }) => `customer#${event.customerId}`));

/**
 * What Lambda passes as the context, enough for withLock: it reads the remaining time (to cap the
 * lease and release before the timeout) and nothing else. Count it down like the real one.
 */
export function fakeContext(timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:local',
    memoryLimitInMB: '128',
    awsRequestId: 'local-1',
    logGroupName: '/aws/lambda/local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

// Locally, against a table you can reach (a dev table, or dynalite with
// AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:8000 and any credentials). The handler's type asks
// for the context it will see, lock included; the middleware adds the lock, hence the cast:
//   process.env.DDB_LOCK_TABLE_NAME = 'locks-dev';
//   console.log(await handler({ customerId: '42' }, fakeContext() as LockedContext));
