// One Lambda execution environment: loads the bundle once (init), then runs one invocation at a
// time on the parent's request, with a context whose remaining time follows the deadline the
// parent gives. Plain CommonJS, no loader: it runs the bundle exactly as Lambda's Node runtime.
'use strict';
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const [bundleDir, handlerSpec] = process.argv.slice(2);
const dot = handlerSpec.lastIndexOf('.');
const file = handlerSpec.slice(0, dot);
const exportName = handlerSpec.slice(dot + 1);

const initStart = performance.now();
let handler;
try {
  handler = require(path.join(bundleDir, file))[exportName];
  if (typeof handler !== 'function') throw new Error(`${handlerSpec} is not a function`);
} catch (error) {
  process.send({ type: 'init-error', error: { errorType: error.name, errorMessage: error.message } });
  process.exit(1);
}
process.send({ type: 'ready', initMs: performance.now() - initStart });

process.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  const invokedAt = Date.now();
  const context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
    logStreamName: 'local',
    // Lambda's deadline is wall-clock based; 0 means no time left.
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
  try {
    const result = await handler(message.event, context);
    process.send({ type: 'result', id: message.id, invokedAt, result: result === undefined ? null : result });
  } catch (error) {
    process.send({
      type: 'result',
      id: message.id,
      invokedAt,
      error: { errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) },
    });
  }
});
