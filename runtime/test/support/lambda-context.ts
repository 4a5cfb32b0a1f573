import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * A Lambda context whose remaining time counts down from `timeoutMs` on the wall clock, as the
 * real one does. `expire()` makes it report no time left (an invocation that is long over).
 */
export function lambdaContext(timeoutMs: number): Context & { expire(): void } {
  let deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'lock-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:lock-test',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/lock-test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    expire: () => {
      deadline = 0;
    },
  };
}
