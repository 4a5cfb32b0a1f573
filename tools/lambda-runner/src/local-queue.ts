import { randomUUID } from 'node:crypto';
import type { SQSRecord } from 'aws-lambda';

interface Message {
  readonly messageId: string;
  readonly body: string;
  readonly group?: string;
  readonly sentAt: number;
  readonly sequence: number;
  receiveCount: number;
  /** Wall-clock ms when it may be received again; 0 = visible. */
  invisibleUntil: number;
  /** Receipt of the delivery in flight: a late delete of an older delivery is ignored, as SQS does. */
  receipt?: string;
}

/**
 * Options of {@link LocalQueue}.
 *
 * @example
 * ```ts
 * const options: LocalQueueOptions = { fifo: true, visibilityTimeoutMs: 2_000, maxReceiveCount: 10 };
 * ```
 */
export interface LocalQueueOptions {
  readonly fifo?: boolean;
  readonly visibilityTimeoutMs: number;
  /** A message received more often than this goes to the dead-letter list instead. */
  readonly maxReceiveCount?: number;
  readonly now?: () => number;
}

/**
 * An SQS queue model in memory, enough to drive event source mappings locally: messages become
 * invisible for the visibility timeout when received and visible again unless deleted; receive
 * counts grow per delivery; past `maxReceiveCount` a message moves to `deadLetters`. FIFO: a
 * message group is delivered in order and not at all while one of its messages is in flight.
 *
 * @example
 * ```ts
 * const queue = new LocalQueue({ visibilityTimeoutMs: 1_000 });
 * queue.send({ customerId: 'c1' });
 * const records = queue.receive(10);
 * queue.delete(records.map((r) => r.receiptHandle));
 * ```
 */
export class LocalQueue {
  readonly deadLetters: Array<{ messageId: string; body: string; receiveCount: number }> = [];
  private readonly messages: Message[] = [];
  private sequence = 0;
  private readonly now: () => number;

  constructor(readonly options: LocalQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Sends one message; FIFO queues need its group. Returns its messageId. */
  send(body: unknown, options: { group?: string } = {}): string {
    if (this.options.fifo && options.group === undefined) throw new Error('a FIFO queue needs a message group');
    const message: Message = {
      messageId: randomUUID(),
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...(options.group !== undefined && { group: options.group }),
      sentAt: this.now(),
      sequence: ++this.sequence,
      receiveCount: 0,
      invisibleUntil: 0,
    };
    this.messages.push(message);
    return message.messageId;
  }

  /** Messages not deleted yet (visible or in flight). */
  get size(): number {
    return this.messages.length;
  }

  /** Ms until the next in-flight message becomes visible again (0 when one is visible now). */
  nextVisibleInMs(): number {
    const now = this.now();
    return Math.max(0, Math.min(...this.messages.map((m) => m.invisibleUntil - now)));
  }

  /** Receives up to `max` visible messages as Lambda's SQS records. */
  receive(max: number): SQSRecord[] {
    const now = this.now();
    const blockedGroups = new Set(this.messages.filter((m) => m.group !== undefined && m.invisibleUntil > now).map((m) => m.group!));
    const out: SQSRecord[] = [];
    for (const message of [...this.messages]) {
      if (out.length >= max) break;
      if (message.invisibleUntil > now) continue;
      if (
        message.group !== undefined &&
        blockedGroups.has(message.group) &&
        !out.some((r) => r.attributes.MessageGroupId === message.group)
      )
        continue;
      if (this.options.maxReceiveCount !== undefined && message.receiveCount >= this.options.maxReceiveCount) {
        this.remove(message);
        this.deadLetters.push({ messageId: message.messageId, body: message.body, receiveCount: message.receiveCount });
        // A FIFO group must not skip past a message that just left it.
        if (message.group !== undefined) blockedGroups.add(message.group);
        continue;
      }
      message.receiveCount++;
      message.invisibleUntil = now + this.options.visibilityTimeoutMs;
      message.receipt = randomUUID();
      out.push(this.record(message));
    }
    // A FIFO group's messages ride in order and, once one is out, the rest wait for it.
    return out;
  }

  /** Deletes the deliveries named by their receipt handles (stale receipts are ignored). */
  delete(receiptHandles: readonly string[]): void {
    for (const handle of receiptHandles) {
      const message = this.messages.find((m) => m.receipt === handle);
      if (message) this.remove(message);
    }
  }

  private remove(message: Message): void {
    this.messages.splice(this.messages.indexOf(message), 1);
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: m.receipt!,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(m.sentAt),
        ...(m.group !== undefined && { MessageGroupId: m.group, SequenceNumber: String(m.sequence), MessageDeduplicationId: m.messageId }),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:local${this.options.fifo ? '.fifo' : ''}`,
      awsRegion: 'us-east-1',
    };
  }
}
