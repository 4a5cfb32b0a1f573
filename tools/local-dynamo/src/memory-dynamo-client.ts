import {
  ConditionalCheckFailedException,
  DynamoDBServiceException,
  ResourceNotFoundException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { MemoryDynamo, MemoryDynamoError, type WireItem } from './memory-dynamo.ts';

/**
 * The SDK's side of {@link MemoryDynamo}: `send(command)` as a DynamoDBClient has it (the
 * operation named by the command's class), answers as the SDK gives them and failures as the
 * SDK's exception classes (ConditionalCheckFailedException with `Item`, TransactionCanceledException
 * with `CancellationReasons`, …), so code under test takes the same branches it takes on a real
 * server. An already aborted `abortSignal` rejects with AbortError before the model sees anything.
 *
 * @example
 * ```ts
 * const ddb = new MemoryDynamoClient();
 * ddb.model.createTable('locks', { partitionKeyName: 'pk' });
 * const client = new LockClient({ tableName: 'locks', client: ddb as never });
 * ```
 */
export class MemoryDynamoClient {
  readonly model: MemoryDynamo;

  constructor(model = new MemoryDynamo()) {
    this.model = model;
  }

  /** Answers `command` (an SDK command object) from the model, as the SDK would. */
  async send(command: { input: WireItem; constructor: { name: string } }, options?: { abortSignal?: AbortSignal }): Promise<WireItem> {
    if (options?.abortSignal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    return this.answer(command.constructor.name.replace(/Command$/, ''), command.input);
  }

  /** Answers one operation synchronously, or throws the SDK's exception for it. */
  answer(operation: string, input: WireItem): WireItem {
    try {
      return { ...this.model.send(operation, input), $metadata: { httpStatusCode: 200 } };
    } catch (error) {
      throw error instanceof MemoryDynamoError ? sdkError(error) : error;
    }
  }
}

/** The SDK exception a DynamoDB error type deserialises to. */
export function sdkError(error: MemoryDynamoError): Error {
  const base = { message: error.message, $metadata: { httpStatusCode: 400 } };
  switch (error.name) {
    case 'ConditionalCheckFailedException':
      return new ConditionalCheckFailedException({ ...base, ...(error.Item && { Item: error.Item }) });
    case 'TransactionCanceledException':
      return new TransactionCanceledException({ ...base, CancellationReasons: error.CancellationReasons });
    case 'ResourceNotFoundException':
      return new ResourceNotFoundException(base);
    default:
      return new DynamoDBServiceException({ ...base, name: error.name, $fault: 'client' });
  }
}
