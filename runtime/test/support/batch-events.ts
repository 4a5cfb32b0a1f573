import type { DynamoDBRecord, KinesisStreamRecord, SQSRecord } from 'aws-lambda';

// Event factories for the batch suites: records shaped as Lambda's event source mappings deliver
// them (the fields ddb-lock reads — eventSource, ids, FIFO group — are exact; the rest is filler).

let counter = 0;
const next = () => ++counter;

/** An SQS record; with `group`, a FIFO record of that message group. */
export function sqsRecord(body: unknown, options: { messageId?: string; group?: string; receiveCount?: number } = {}): SQSRecord {
  const n = next();
  return {
    messageId: options.messageId ?? `msg-${n}`,
    receiptHandle: `rh-${n}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '1764590400000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1764590400001',
      ...(options.group !== undefined && {
        MessageGroupId: options.group,
        SequenceNumber: String(18_000_000_000_000_000_000 + n),
        MessageDeduplicationId: `dedup-${n}`,
      }),
    },
    messageAttributes: {},
    md5OfBody: '00000000000000000000000000000000',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:orders${options.group !== undefined ? '.fifo' : ''}`,
    awsRegion: 'us-east-1',
  };
}

/** A Kinesis record whose data is `payload` as base64 JSON. */
export function kinesisRecord(payload: unknown, options: { partitionKey?: string; sequenceNumber?: string } = {}): KinesisStreamRecord {
  const n = next();
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: options.partitionKey ?? `pk-${n}`,
      sequenceNumber:
        options.sequenceNumber ?? String(49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n + BigInt(n)),
      data: Buffer.from(JSON.stringify(payload)).toString('base64'),
      approximateArrivalTimestamp: 1_764_590_400,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000006:${n}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/lambda-role',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders',
  };
}

/** A DynamoDB Streams INSERT of an item `{ pk, ...attributes }` (string attributes). */
export function dynamoDbRecord(item: Record<string, string>, options: { sequenceNumber?: string } = {}): DynamoDBRecord {
  const n = next();
  const image = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, { S: v }]));
  return {
    eventID: `event-${n}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_764_590_400,
      Keys: { pk: image.pk! },
      NewImage: image,
      SequenceNumber: options.sequenceNumber ?? String(100_000_000_000 + n),
      SizeBytes: 26,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-12-01T00:00:00.000',
  };
}

/** The record's payload, whichever source made it. */
export function payloadOf<T = unknown>(record: SQSRecord | KinesisStreamRecord | DynamoDBRecord): T {
  if ('body' in record) return JSON.parse(record.body) as T;
  if ('kinesis' in record) return JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8')) as T;
  return Object.fromEntries(Object.entries(record.dynamodb?.NewImage ?? {}).map(([k, v]) => [k, v.S])) as T;
}

/** The batchItemFailures identifier of a record. */
export function idOf(record: SQSRecord | KinesisStreamRecord | DynamoDBRecord): string {
  if ('messageId' in record) return record.messageId;
  if ('kinesis' in record) return record.kinesis.sequenceNumber;
  return record.dynamodb!.SequenceNumber!;
}
