// The SQS half of the runner alone (a queue and its event source mapping), for suites that drive a
// batch handler in process: it needs neither a synthesized app nor @ddb-lock/runtime.
export { LocalQueue, type LocalQueueOptions } from './local-queue.ts';
export { type BatchInvocation, drainQueue, type EventSourceOptions, type EventSourceStats } from './sqs-event-source.ts';
