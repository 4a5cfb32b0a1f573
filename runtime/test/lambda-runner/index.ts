export { readFunction, readTable, readTemplate, type SynthesizedFunction, type SynthesizedTable } from './cloud-assembly.js';
export { LocalLambda, type InvocationResult } from './local-lambda.js';
export { synthesizeExampleApp, repoRoot } from './synthesize.js';
export { startLocalStack } from './local-stack.js';
