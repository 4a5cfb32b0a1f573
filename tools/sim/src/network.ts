import type { MemoryDynamoClient } from '@ddb-lock/local-dynamo/memory';
import type { SimProcess, World } from './world.ts';

/** How the simulated network treats requests: probabilities per request, delays in true ms. */
export interface NetworkFaults {
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** The request never reaches the server. */
  readonly dropRequest: number;
  /** The server applies the request; its response never comes back. */
  readonly dropResponse: number;
  /** The server applies the request twice (a retransmission), the second copy later. */
  readonly duplicate: number;
}

export const CALM: NetworkFaults = { minDelayMs: 1, maxDelayMs: 5, dropRequest: 0, dropResponse: 0, duplicate: 0 };

/** One request as the server applied it: for the properties (S1) and the request counts. */
export interface Applied {
  readonly at: number;
  /** When the request was first sent: a retry resends the same command, built (clocks read) then. */
  readonly sentAt: number;
  readonly from: string;
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly output?: Record<string, unknown>;
  readonly error?: string;
}

type Command = { input: Record<string, unknown>; constructor: { name: string } };

/**
 * What the network does to one request: lose it, apply it and lose the answer, or apply it twice.
 *
 * @example
 * ```ts
 * const fault: NetworkFault = 'drop response';
 * ```
 */
export type NetworkFault = 'drop request' | 'drop response' | 'duplicate';

/**
 * A test's own choice for one request, instead of the dice: the fault (none: delivered), and for
 * a lost request or answer whether the caller sees a connection reset (else only its deadline).
 *
 * @example
 * ```ts
 * network.script = (operation) => (operation === 'UpdateItem' ? { fault: 'drop response', reset: true } : undefined);
 * ```
 */
export interface ScriptedFault {
  readonly fault: NetworkFault | undefined;
  readonly reset?: boolean;
}

/**
 * A process's DynamoDB client on the simulated network: `send(command, { abortSignal })` as the
 * SDK's (what LockClient takes as `client`). Each request takes a random delay to the server
 * (requests overtake each other: reordering), may be dropped there, applied by the DynamoDB model
 * at arrival (atomically), applied a second time later, and its response may be lost after the
 * write applied — as a connection reset after a while, or never (the caller's deadline aborts).
 * An abort rejects at once with AbortError, as the SDK does; the request may still land.
 *
 * @example
 * ```ts
 * const client = new runtime.LockClient({ tableName: 'locks', client: new SimNetworkClient(world, p, ddb, faults, log) as never });
 * ```
 */
export class SimNetworkClient {
  sent = 0;
  /** Requests sent and not yet answered (nor aborted). */
  inFlight = 0;
  /** Keys whose release this process sent without learning its outcome (aborted or reset): the item may stay a lease. */
  readonly unknownReleases = new Set<string>();
  /**
   * This process's requests that met a fault (dropped, answer lost, duplicated, cut off: at its
   * send), that it gave up on (aborted), or whose answer took longer than `slowMs` (both: from send
   * to end): what may explain a lost lock (L2).
   */
  readonly troubles: { readonly at: number; readonly forMs: number; readonly key: string }[] = [];
  /** This process's releases (and resigns), from send to answer (or abort): a loss within one is not L2's. */
  readonly releases: { readonly key: string; readonly from: number; to: number }[] = [];
  /** Set by the scenario: a round trip longer than this counts among the troubles. */
  slowMs = Number.POSITIVE_INFINITY;
  private readonly firstSent = new WeakMap<object, number>();
  private readonly world: World;
  private readonly process: SimProcess;
  private readonly server: MemoryDynamoClient;
  private readonly faults: NetworkFaults;
  private readonly applied: Applied[];

  constructor(world: World, process: SimProcess, server: MemoryDynamoClient, faults: NetworkFaults, applied: Applied[]) {
    this.world = world;
    this.process = process;
    this.server = server;
    this.faults = faults;
    this.applied = applied;
  }

  send(command: Command, options?: { abortSignal?: AbortSignal }): Promise<unknown> {
    const { world } = this;
    const operation = command.constructor.name.replace(/Command$/, '');
    const input = copy(command.input);
    const sentAt = this.firstSent.get(command) ?? world.now;
    this.firstSent.set(command, sentAt);
    this.sent++;
    const id = `${this.process.name}#${this.sent}`;
    const sendAt = world.now;
    this.inFlight++;
    const key = describe(input).split(' ')[0]!;
    const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    const release = operation === 'DeleteItem' || (operation === 'UpdateItem' && values[':true'] !== undefined && !values[':rvn']);
    const releasing = release ? { key, from: sendAt, to: Number.POSITIVE_INFINITY } : undefined;
    if (releasing) this.releases.push(releasing);
    return new Promise((resolve, reject) => {
      let settled = false;
      const signal = options?.abortSignal;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.inFlight--;
        if (releasing) releasing.to = world.now;
        if (world.now - sendAt > this.slowMs) this.troubles.push({ at: sendAt, forMs: world.now - sendAt, key });
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const unknown = () => {
        if (release) this.unknownReleases.add(key);
      };
      const onAbort = () =>
        settle(() => {
          this.troubles.push({ at: sendAt, forMs: world.now - sendAt, key });
          unknown();
          reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
        });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const scripted = this.script?.(operation, input);
      const fault = scripted ? scripted.fault : this.roll();
      if (fault) this.troubles.push({ at: world.now, forMs: 0, key });
      world.log(() => `${this.process.name} → ${operation} ${describe(input)} (${id}${fault ? `, ${fault}` : ''})`);
      const reset = () =>
        world.at(
          world.now + this.delay() * 4,
          () =>
            settle(() => {
              unknown();
              reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: {} }));
            }),
          this.process,
        );
      // A scripted fault says whether the caller sees a reset; the dice decide otherwise.
      const resets = () => scripted?.reset ?? world.random() < 0.5;
      if (fault === 'drop request') {
        if (resets()) reset();
        return;
      }
      world.at(world.now + this.delay(), () => {
        const answer = this.apply(operation, input, id, sentAt);
        if (fault === 'duplicate') world.at(world.now + this.delay(), () => this.apply(operation, input, `${id} again`, sentAt));
        if (fault === 'drop response') {
          if (resets()) reset();
          return;
        }
        world.at(
          world.now + this.delay(),
          () => settle(() => ('error' in answer ? reject(answer.error) : resolve(answer.output))),
          this.process,
        );
      });
    });
  }

  private apply(
    operation: string,
    input: Record<string, unknown>,
    id: string,
    sentAt: number,
  ): { output: Record<string, unknown> } | { error: unknown } {
    try {
      const output = this.server.answer(operation, input);
      this.applied.push({ at: this.world.now, sentAt, from: this.process.name, operation, input, output });
      this.world.log(() => `   server applied ${id} ${operation}${summary(output)}`);
      return { output };
    } catch (error) {
      const name = (error as Error).name;
      this.applied.push({ at: this.world.now, sentAt, from: this.process.name, operation, input, error: name });
      this.world.log(() => `   server refused ${id} ${operation}: ${name}`);
      return { error };
    }
  }

  /** Set by the scenario: true while this process is cut off from the server. */
  partitioned: () => boolean = () => false;

  /**
   * Set by a deterministic test: the fate of each request this process sends, by operation and
   * input (a request it returns nothing for is left to the dice and the partition).
   */
  script: ((operation: string, input: Record<string, unknown>) => ScriptedFault | undefined) | undefined;

  /** The dice (or the partition): one draw per request, so generated scenarios replay exactly. */
  private roll(): NetworkFault | undefined {
    const { faults } = this;
    const roll = this.world.random();
    if (this.partitioned()) return 'drop request';
    if (roll < faults.dropRequest) return 'drop request';
    if (roll < faults.dropRequest + faults.dropResponse) return 'drop response';
    if (roll < faults.dropRequest + faults.dropResponse + faults.duplicate) return 'duplicate';
    return undefined;
  }

  private delay(): number {
    const { minDelayMs, maxDelayMs } = this.faults;
    return minDelayMs + this.world.random() * (maxDelayMs - minDelayMs);
  }
}

function describe(input: Record<string, unknown>): string {
  const key = Object.values((input.Key ?? {}) as Record<string, { S?: string }>)[0]?.S ?? '';
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, { S?: string; N?: string }>;
  const extras = [':fence', ':observedRvn', ':expiredBefore', ':beat']
    .filter((k) => values[k])
    .map((k) => `${k}=${values[k]!.S ?? values[k]!.N}`);
  return `${key}${extras.length ? ` ${extras.join(' ')}` : ''}`;
}

function summary(output: Record<string, unknown>): string {
  const item = (output.Attributes ?? output.Item) as Record<string, { S?: string; N?: string; BOOL?: boolean }> | undefined;
  if (!item?.fence) return '';
  return ` → owner ${item.owner?.S} fence ${item.fence.N} rvn ${item.rvn?.S}${item.released?.BOOL ? ' released' : ''}`;
}

/** A deep copy of a request (bytes copied too): what went on the wire cannot change afterwards. */
function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return value.slice() as T;
  if (Array.isArray(value)) return value.map(copy) as T;
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = copy((value as Record<string, unknown>)[k]);
  return out as T;
}
