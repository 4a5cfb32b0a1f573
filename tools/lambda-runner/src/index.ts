// The local Lambda runner: a synthesized app's functions run from their real bundles in Lambda-like
// child processes (timeout kill, freeze between invocations), its table on a local server from the
// toolkit (@ddb-lock/local-dynamo), and an SQS event source mapping emulated from the template.
// Used by the example app's tests, the runtime's batch suite (./sqs) and the demo.
export {
  readFunction,
  readSqsEventSource,
  readTable,
  readTemplate,
  type SynthesizedFunction,
  type SynthesizedSqsEventSource,
  type SynthesizedTable,
} from './cloud-assembly.ts';
export { type InvocationResult, LocalLambda } from './local-lambda.ts';
export { startLocalStack } from './local-stack.ts';
export * from './sqs.ts';
export { repoRoot, synthesizeExampleApp } from './synthesize.ts';
