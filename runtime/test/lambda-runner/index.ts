export { readFunction, readSqsEventSource, readTable, readTemplate, type SynthesizedFunction, type SynthesizedSqsEventSource, type SynthesizedTable } from './cloud-assembly.js';
export { LocalLambda, type InvocationResult } from './local-lambda.js';
export { synthesizeExampleApp, repoRoot } from './synthesize.js';
export { startLocalStack } from './local-stack.js';
export { LocalQueue, type LocalQueueOptions } from './local-queue.js';
export { drainQueue, type BatchInvocation, type EventSourceOptions, type EventSourceStats } from './sqs-event-source.js';
