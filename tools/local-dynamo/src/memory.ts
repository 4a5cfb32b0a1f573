// DynamoDB in memory: the model (dynalite's validation, expression parser and evaluator, run
// in-process) and its SDK-shaped client. See memory-dynamo.ts.
export { MemoryDynamo, MemoryDynamoError, type MemoryOperation, type WireItem } from './memory-dynamo.ts';
export { MemoryDynamoClient, sdkError } from './memory-dynamo-client.ts';
