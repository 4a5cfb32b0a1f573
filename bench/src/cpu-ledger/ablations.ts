/** One change to one runtime source file: a text replaced (it must be there), or code appended. */
export type SourceEdit =
  | { readonly file: string; readonly find: string; readonly replace: string }
  | { readonly file: string; readonly append: string };

/** A variant of the runtime with one part switched off, to price that part in client CPU. */
export interface Ablation {
  readonly id: string;
  /** What the variant gives up: a guarantee or a mechanism of the shipped client. */
  readonly removes: string;
  /** Edits to runtime/src files (paths relative to it); none for the unmodified client. */
  readonly edits: readonly SourceEdit[];
}

const SEND = 'protocol/send-with-deadline.ts';

/**
 * The CPU ledger's variants (issue 10, item 4: where the client's CPU above its own requests
 * goes). Each is the shipped source with one mechanism switched off — never something to ship:
 * every one of them breaks a guarantee the tests hold. The edits are exact texts; when the source
 * moves on, the ledger stops with the ablation's name instead of measuring something else.
 *
 * `ddb-lock (again)` is the unmodified client a second time: the gap between the two copies is
 * the run's noise, the yardstick for every other row.
 *
 * @example
 * ```ts
 * for (const ablation of ABLATIONS) console.log(ablation.id, '—', ablation.removes);
 * ```
 */
export const ABLATIONS: readonly Ablation[] = [
  { id: 'ddb-lock', removes: 'nothing: the client as shipped', edits: [] },
  { id: 'ddb-lock (again)', removes: 'nothing: a second copy, the noise yardstick', edits: [] },
  {
    id: 'AbortController signal',
    removes: 'nothing; the request signal is a real AbortController (what the plain signal object saves)',
    edits: [
      {
        file: 'protocol/request-abort.ts',
        find: 'return plain ? new PlainAbort() : new ControllerAbort();',
        replace: 'return plain ? new ControllerAbort() : new ControllerAbort();',
      },
    ],
  },
  {
    id: 'no request signal',
    removes: "aborting a request at its deadline (the SDK's abort listener and retry race); the deadline timer stays",
    edits: [
      {
        file: SEND,
        find: 'client.send(command as never, { abortSignal: request.signal })',
        replace: 'client.send(command as never)',
      },
    ],
  },
  {
    id: 'no request deadline',
    removes: 'request deadlines altogether: no signal, no timer, no retries of our own',
    edits: [
      { file: SEND, find: '  const request = requestAbort(client);', replace: '  return (await client.send(command as never)) as T;' },
    ],
  },
  {
    id: 'no lock timer',
    removes: 'heartbeats, danger warnings and the validity deadline (the timer is never armed)',
    edits: [{ file: 'lock/lock-timers.ts', find: '  private arm(): void {', replace: '  private arm(): void {\n    return;' }],
  },
  {
    id: 'bare handle',
    removes: 'the Lock handle: events, signal, timers, validity, serialised writes; acquire returns { release }',
    edits: [
      {
        file: 'client/lock-client.ts',
        find: 'return { lock: this.adopt(outcome.info, outcome.sentAt, leaseMs, options), attempts: writes, contended, takeover };',
        replace: 'return { lock: bareHandle(this.#protocol, outcome.info, options), attempts: writes, contended, takeover };',
      },
      {
        file: 'client/lock-client.ts',
        append: [
          'function bareHandle(protocol: LockProtocol, info: LockInfo, options: AcquireOptions): Lock {',
          '  const grant = { key: info.key, owner: info.owner, fence: info.fence };',
          '  const deleteItem = options.deleteOnRelease ?? DEFAULTS.deleteOnRelease;',
          '  return { release: () => protocol.release(grant, { deleteItem }) } as unknown as Lock;',
          '}',
        ].join('\n'),
      },
    ],
  },
  {
    id: 'unqueued writes',
    removes: 'the queue that keeps a release from overtaking an in-flight heartbeat',
    edits: [
      {
        file: 'lock/serial-writes.ts',
        find: '    const run = this.last.then(work, work);',
        replace: '    return work();\n    const run = this.last.then(work, work);',
      },
    ],
  },
  {
    id: 'no EventEmitter',
    removes: "the handle's events (lost, danger, renewed, heartbeatError, releaseError)",
    edits: [
      {
        file: 'lock/lock.ts',
        find: 'export class Lock extends EventEmitter<LockEvents> {',
        replace:
          'export class Lock extends (class { emit(): boolean { return false; } on(): unknown { return this; } } as unknown as ' +
          'typeof EventEmitter<LockEvents>) {',
      },
    ],
  },
];
