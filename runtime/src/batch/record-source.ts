/**
 * Which event source a record came from, as far as ordering and failure reporting go.
 * `other` is a record of no known shape (the record handler accepts it; the batch handler,
 * which must name failed records, does not).
 */
export type RecordSourceKind = 'sqs' | 'sqs-fifo' | 'kinesis' | 'dynamodb' | 'other';

/**
 * A record's identity in `batchItemFailures` and the ordering rules it falls under.
 *
 * @example
 * ```ts
 * describeRecord(sqsRecord); // { kind: 'sqs-fifo', itemIdentifier: '059f36b4-…', group: 'customer-1' }
 * ```
 */
export interface RecordSource {
  readonly kind: RecordSourceKind;
  /** messageId (SQS) or sequence number (streams); what `batchItemFailures` names. */
  readonly itemIdentifier: string | undefined;
  /** SQS FIFO message group. */
  readonly group?: string;
}

/** True for the sources whose checkpoint is the lowest failed record of the batch. */
export function isStream(kind: RecordSourceKind): boolean {
  return kind === 'kinesis' || kind === 'dynamodb';
}

/** Reads a record's source from the fields Lambda's event source mappings set. */
export function describeRecord(record: unknown): RecordSource {
  const r = (record ?? {}) as {
    eventSource?: unknown;
    messageId?: unknown;
    attributes?: { MessageGroupId?: unknown };
    kinesis?: { sequenceNumber?: unknown };
    dynamodb?: { SequenceNumber?: unknown };
  };
  if (r.eventSource === 'aws:sqs' && typeof r.messageId === 'string') {
    const group = r.attributes?.MessageGroupId;
    return typeof group === 'string'
      ? { kind: 'sqs-fifo', itemIdentifier: r.messageId, group }
      : { kind: 'sqs', itemIdentifier: r.messageId };
  }
  if (r.eventSource === 'aws:kinesis' && typeof r.kinesis?.sequenceNumber === 'string') {
    return { kind: 'kinesis', itemIdentifier: r.kinesis.sequenceNumber };
  }
  if (r.eventSource === 'aws:dynamodb' && typeof r.dynamodb?.SequenceNumber === 'string') {
    return { kind: 'dynamodb', itemIdentifier: r.dynamodb.SequenceNumber };
  }
  return { kind: 'other', itemIdentifier: undefined };
}
