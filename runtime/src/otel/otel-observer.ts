import {
  type Attributes,
  type Context,
  context,
  type Meter,
  metrics as otelMetrics,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { LockEvent, LockEventOf } from '../observe/lock-event.js';
import { defaultLockName, type LockNameFn } from '../observe/lock-name.js';
import type { LockObserver } from '../observe/lock-observer.js';
import { VERSION } from '../version.js';

/**
 * Options of {@link otelObserver}.
 *
 * @example
 * ```ts
 * import { metrics } from '@opentelemetry/api';
 *
 * otelObserver({ meter: metrics.getMeter('billing'), recordKey: true });
 * ```
 */
export interface OtelObserverOptions {
  /** Tracer for the spans. @default trace.getTracer('@ddb-lock/runtime', VERSION) from the global provider */
  readonly tracer?: Tracer;
  /** Meter for the wait histogram and counters. @default none: no metrics */
  readonly meter?: Meter;
  /** Low-cardinality name of a key (attribute `ddb_lock.name`). @default the key's prefix up to its first `#`, `/` or `:` */
  readonly lockName?: LockNameFn;
  /** Also record the raw key on spans (`ddb_lock.key`); keys may hold customer ids. @default false */
  readonly recordKey?: boolean;
}

/**
 * The attribute names this library uses. No OpenTelemetry semantic convention covers locks, so
 * these are ddb-lock's own, under the `ddb_lock.` namespace.
 *
 * @example
 * ```ts
 * span.attributes[LOCK_ATTRIBUTES.outcome]; // 'acquired' | 'busy' | 'failed'
 * ```
 */
export const LOCK_ATTRIBUTES = {
  name: 'ddb_lock.name',
  key: 'ddb_lock.key',
  fence: 'ddb_lock.fence',
  outcome: 'ddb_lock.outcome',
  waitMs: 'ddb_lock.wait_ms',
  attempts: 'ddb_lock.attempts',
  contended: 'ddb_lock.contended',
  takeover: 'ddb_lock.takeover',
  retryAfterMs: 'ddb_lock.retry_after_ms',
  heldMs: 'ddb_lock.held_ms',
  end: 'ddb_lock.end',
  lostReason: 'ddb_lock.lost_reason',
  errorClass: 'ddb_lock.error_class',
  election: 'ddb_lock.election',
  /** Semaphore permits: the semaphore's name (also the `ddb_lock.name` of its permits). */
  semaphore: 'ddb_lock.semaphore',
  permit: 'ddb_lock.permit',
} as const;

/**
 * A {@link LockObserver} for OpenTelemetry. Spans: `lock.acquire` (one per acquire call, ended as
 * acquired, busy or failed) and `lock.hold` (from the grant to its release or loss; events for
 * renewals, heartbeat failures and danger), both children of the context active when the acquire
 * started. With a `meter`: histograms `ddb_lock.acquire.wait` (ms, by name and outcome) and
 * `ddb_lock.hold.duration` (ms), counters `ddb_lock.contended`, `ddb_lock.busy`,
 * `ddb_lock.takeovers` (by kind), `ddb_lock.lost` (by reason), `ddb_lock.heartbeat.failures`
 * (by error class), `ddb_lock.election.leader_changes` (by `ddb_lock.election`). An election's
 * term adds `elected`, `demoted` (with the reason) and `resigned` events to its `lock.hold` span.
 *
 * @example
 * ```ts
 * import { metrics } from '@opentelemetry/api';
 * import { otelObserver } from '@ddb-lock/runtime/otel';
 *
 * const locks = new LockClient({ tableName: 'locks', observers: [otelObserver({ meter: metrics.getMeter('billing') })] });
 * ```
 */
export function otelObserver(options: OtelObserverOptions = {}): LockObserver {
  const tracer = options.tracer ?? trace.getTracer('@ddb-lock/runtime', VERSION);
  const lockName = options.lockName ?? defaultLockName;
  const meter: Meter | undefined = options.meter;
  const instruments = meter && {
    wait: meter.createHistogram('ddb_lock.acquire.wait', { unit: 'ms', description: 'Time from an acquire call to its outcome' }),
    held: meter.createHistogram('ddb_lock.hold.duration', { unit: 'ms', description: 'Time a lock was held' }),
    contended: meter.createCounter('ddb_lock.contended', { description: 'Acquires that found the lock held' }),
    busy: meter.createCounter('ddb_lock.busy', { description: 'Acquires that ended busy' }),
    takeovers: meter.createCounter('ddb_lock.takeovers', { description: "Grants that took over a dead holder's lock" }),
    lost: meter.createCounter('ddb_lock.lost', { description: 'Locks lost while held' }),
    heartbeatFailures: meter.createCounter('ddb_lock.heartbeat.failures', { description: 'Heartbeats that failed' }),
    leaderChanges: meter.createCounter('ddb_lock.election.leader_changes', { description: 'Terms won, by election name' }),
    // An up-down counter: summed over every process it is the semaphore's permits held now.
    permitsHeld: meter.createUpDownCounter('ddb_lock.semaphore.permits_held', { description: 'Semaphore permits held' }),
  };
  const acquires = new Map<number, { span: Span; parent: Context }>();
  const holds = new Map<string, Span>();
  const holdId = (event: { key: string; fence: number }) => `${event.key}\u0000${event.fence}`;
  // Metric attributes are the low-cardinality name only; the raw key, if asked for, goes on spans.
  // A permit's name is its semaphore's: one low-cardinality name for all N permits.
  const base = (event: LockEvent): Attributes => ({ [LOCK_ATTRIBUTES.name]: event.semaphore ?? lockName(event.key) });
  const spanBase = (event: LockEvent): Attributes => ({
    ...base(event),
    ...(options.recordKey && { [LOCK_ATTRIBUTES.key]: event.key }),
    ...(event.permit !== undefined && { [LOCK_ATTRIBUTES.permit]: event.permit }),
  });
  const permitsHeld = (event: LockEvent, delta: number) => {
    if (event.semaphore !== undefined) instruments?.permitsHeld.add(delta, { [LOCK_ATTRIBUTES.semaphore]: event.semaphore });
  };

  const endAcquire = (event: LockEventOf<'acquired' | 'busy' | 'acquireFailed'>, outcome: string, attributes: Attributes) => {
    const open = acquires.get(event.acquireId);
    acquires.delete(event.acquireId);
    instruments?.wait.record(event.waitMs, { ...base(event), [LOCK_ATTRIBUTES.outcome]: outcome });
    if (!open) return undefined;
    open.span.setAttributes({ [LOCK_ATTRIBUTES.outcome]: outcome, [LOCK_ATTRIBUTES.waitMs]: event.waitMs, ...attributes });
    if (event.type === 'acquireFailed') {
      if (event.error instanceof Error) open.span.recordException(event.error);
      open.span.setStatus({
        code: SpanStatusCode.ERROR,
        message: event.error instanceof Error ? event.error.message : String(event.error),
      });
    }
    open.span.end();
    return open.parent;
  };
  const endHold = (event: LockEventOf<'released' | 'lost' | 'releaseFailed'>, attributes: Attributes) => {
    instruments?.held.record(event.heldMs, base(event));
    permitsHeld(event, -1);
    const span = holds.get(holdId(event));
    if (!span) return;
    holds.delete(holdId(event));
    span.setAttributes({ [LOCK_ATTRIBUTES.heldMs]: event.heldMs, [LOCK_ATTRIBUTES.end]: event.type, ...attributes });
    if (event.type !== 'released')
      span.setStatus({ code: SpanStatusCode.ERROR, message: event.type === 'lost' ? `lost: ${event.reason}` : 'release failed' });
    span.end();
  };

  return {
    onLockEvent(event) {
      switch (event.type) {
        case 'acquireStarted': {
          const parent = context.active();
          acquires.set(event.acquireId, { span: tracer.startSpan('lock.acquire', { attributes: spanBase(event) }, parent), parent });
          return;
        }
        case 'acquired': {
          const parent = endAcquire(event, 'acquired', {
            [LOCK_ATTRIBUTES.fence]: event.fence,
            [LOCK_ATTRIBUTES.attempts]: event.attempts,
            [LOCK_ATTRIBUTES.contended]: event.contended,
            [LOCK_ATTRIBUTES.takeover]: event.takeover,
          });
          if (event.contended) instruments?.contended.add(1, base(event));
          permitsHeld(event, 1);
          if (event.takeover === 'watched' || event.takeover === 'expired')
            instruments?.takeovers.add(1, { ...base(event), [LOCK_ATTRIBUTES.takeover]: event.takeover });
          holds.set(
            holdId(event),
            tracer.startSpan(
              'lock.hold',
              { attributes: { ...spanBase(event), [LOCK_ATTRIBUTES.fence]: event.fence } },
              parent ?? context.active(),
            ),
          );
          return;
        }
        case 'busy':
          endAcquire(event, 'busy', { [LOCK_ATTRIBUTES.attempts]: event.attempts, [LOCK_ATTRIBUTES.retryAfterMs]: event.retryAfterMs });
          instruments?.busy.add(1, base(event));
          return;
        case 'acquireFailed':
          endAcquire(event, 'failed', {});
          return;
        case 'renewed':
          holds.get(holdId(event))?.addEvent('renewed', { 'ddb_lock.remaining_ms': event.remainingMs });
          return;
        case 'heartbeatFailed':
          instruments?.heartbeatFailures.add(1, { ...base(event), [LOCK_ATTRIBUTES.errorClass]: event.errorClass });
          holds
            .get(holdId(event))
            ?.addEvent('heartbeat failed', { [LOCK_ATTRIBUTES.errorClass]: event.errorClass, 'ddb_lock.remaining_ms': event.remainingMs });
          return;
        case 'danger':
          holds.get(holdId(event))?.addEvent('danger', { 'ddb_lock.remaining_ms': event.remainingMs });
          return;
        case 'lost':
          instruments?.lost.add(1, { ...base(event), [LOCK_ATTRIBUTES.lostReason]: event.reason });
          endHold(event, { [LOCK_ATTRIBUTES.lostReason]: event.reason });
          return;
        case 'released':
        case 'releaseFailed':
          endHold(event, {});
          return;
        case 'elected':
        case 'demoted':
        case 'resigned': {
          // The term's hold span is open: `acquired` came before `elected`, and a term's end is
          // reported before the lock's own `lost` / `released` closes it.
          const attributes: Attributes = { [LOCK_ATTRIBUTES.election]: event.election, [LOCK_ATTRIBUTES.fence]: event.fence };
          if (event.type === 'demoted') attributes[LOCK_ATTRIBUTES.lostReason] = event.reason;
          holds.get(holdId(event))?.addEvent(event.type, attributes);
          if (event.type === 'elected') instruments?.leaderChanges.add(1, { [LOCK_ATTRIBUTES.election]: event.election });
          return;
        }
      }
    },
  };
}

/**
 * The global MeterProvider's meter for ddb-lock.
 *
 * @example
 * ```ts
 * new LockClient({ tableName: 'locks', observers: [otelObserver({ meter: defaultMeter() })] });
 * ```
 */
export function defaultMeter(): Meter {
  return otelMetrics.getMeter('@ddb-lock/runtime', VERSION);
}
