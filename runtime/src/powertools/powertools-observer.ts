import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { LockEvent, LockEventOf } from '../observe/lock-event.js';
import { defaultLockName, type LockNameFn } from '../observe/lock-name.js';
import type { LockObserver } from '../observe/lock-observer.js';

/**
 * Options of {@link powertoolsObserver}: any of the three Powertools utilities.
 *
 * @example
 * ```ts
 * powertoolsObserver({ metrics, logger, tracer, lockName: (key) => key.split('#')[0]! });
 * ```
 */
export interface PowertoolsObserverOptions {
  /** EMF metrics, one line per metric with a `lockName` dimension (`singleMetric()`). */
  readonly metrics?: Metrics;
  /** `lockKey`, `fence` and `owner` appended while a lock is held; losses and failures logged. */
  readonly logger?: Logger;
  /** A `### ddb-lock acquire` subsegment around each acquire, with annotations. */
  readonly tracer?: Tracer;
  /** Dimension value for a key. @default the key's prefix up to its first `#`, `/` or `:` */
  readonly lockName?: LockNameFn;
}

/** The names this observer appends to the logger while a lock is held. */
export const POWERTOOLS_LOG_KEYS = ['lockKey', 'fence', 'owner'] as const;

type SubsegmentLike = { addAnnotation(key: string, value: string | number | boolean): void; addError(error: Error): void; close(): void };

/**
 * A {@link LockObserver} for Powertools for AWS Lambda. Metrics (EMF): `LockAcquireWait` and
 * `LockHeld` (Milliseconds), `LockContended`, `LockBusy`, `LockLost`, `LockTakeover` (Count), each
 * with a `lockName` dimension. Logger: lock keys appended during a hold and removed after; losses
 * at error (warn when superseded or closed by the owner), heartbeat failures and danger at warn.
 * Tracer: a subsegment around each acquire with `lockName`, `lockOutcome`, `lockFence`,
 * `lockContended` and `lockTakeover` annotations. Elections: `LeaderChanges` (Count, dimension
 * `electionName`) per term won; `elected` / `resigned` logged at info, `demoted` at warn; a
 * `leaderTerm` annotation on the segment active when elected.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { Metrics } from '@aws-lambda-powertools/metrics';
 * import { powertoolsObserver } from '@ddb-lock/runtime/powertools';
 *
 * const metrics = new Metrics({ namespace: 'orders', serviceName: 'billing' });
 * const logger = new Logger({ serviceName: 'billing' });
 * const locks = new LockClient({ tableName: 'locks', observers: [powertoolsObserver({ metrics, logger })] });
 * ```
 */
export function powertoolsObserver(options: PowertoolsObserverOptions): LockObserver {
  const { metrics, logger, tracer } = options;
  const lockName = options.lockName ?? defaultLockName;
  const metric = (event: LockEvent, name: string, unit: 'Milliseconds' | 'Count', value: number) => {
    if (!metrics) return;
    // singleMetric flushes at once with its own dimensions: the caller's stored metrics and
    // dimensions stay untouched, and each lock name gets its own EMF blob.
    const single = metrics.singleMetric();
    // A permit's name is its semaphore's: one low-cardinality name for all N permits.
    single.addDimension('lockName', event.semaphore ?? lockName(event.key));
    single.addMetric(name, unit, value);
  };
  // Permits this process holds, per semaphore: `SemaphorePermitsHeld` after each change (summed
  // over environments at one time, it is the semaphore's permits held).
  const permitsHeld = new Map<string, number>();
  const permitGauge = (event: LockEvent, delta: number) => {
    if (event.semaphore === undefined) return;
    const now = Math.max(0, (permitsHeld.get(event.semaphore) ?? 0) + delta);
    permitsHeld.set(event.semaphore, now);
    if (!metrics) return;
    const single = metrics.singleMetric();
    single.addDimension('semaphore', event.semaphore);
    single.addMetric('SemaphorePermitsHeld', 'Count', now);
  };
  const held = new Map<string, LockEventOf<'acquired'>>();
  const segments = new Map<number, { parent: ReturnType<Tracer['getSegment']>; sub: SubsegmentLike }>();

  const startSegment = (event: LockEventOf<'acquireStarted'>) => {
    if (!tracer?.isTracingEnabled()) return;
    const parent = tracer.getSegment();
    if (!parent) return;
    const sub = parent.addNewSubsegment('### ddb-lock acquire') as unknown as SubsegmentLike;
    sub.addAnnotation('lockName', lockName(event.key));
    tracer.setSegment(sub as never);
    segments.set(event.acquireId, { parent, sub });
  };
  const endSegment = (event: LockEventOf<'acquired' | 'busy' | 'acquireFailed'>) => {
    const open = segments.get(event.acquireId);
    if (!open || !tracer) return;
    segments.delete(event.acquireId);
    open.sub.addAnnotation('lockOutcome', event.type === 'acquireFailed' ? 'failed' : event.type);
    if (event.type === 'acquired') {
      open.sub.addAnnotation('lockFence', event.fence);
      open.sub.addAnnotation('lockContended', event.contended);
      open.sub.addAnnotation('lockTakeover', event.takeover);
    }
    if (event.type === 'acquireFailed' && event.error instanceof Error) open.sub.addError(event.error);
    open.sub.close();
    if (open.parent) tracer.setSegment(open.parent);
  };
  // Several locks can be held at once (a batch): the keys shown are those of the newest hold.
  const showHeld = () => {
    if (!logger) return;
    const newest = [...held.values()].at(-1);
    if (newest) logger.appendKeys({ lockKey: newest.key, fence: newest.fence, owner: newest.owner });
    else logger.removeKeys([...POWERTOOLS_LOG_KEYS]);
  };
  const endHold = (event: LockEventOf<'released' | 'lost' | 'releaseFailed'>) => {
    held.delete(`${event.key}\u0000${event.fence}`);
    showHeld();
    permitGauge(event, -1);
    metric(event, 'LockHeld', 'Milliseconds', event.heldMs);
  };

  // Elections are named by the election, not the key: `electionName` is the dimension.
  const onElection = (event: LockEventOf<'elected' | 'demoted' | 'resigned'>) => {
    if (event.type === 'elected' && metrics) {
      const single = metrics.singleMetric();
      single.addDimension('electionName', event.election);
      single.addMetric('LeaderChanges', 'Count', 1);
    }
    const fields = { election: event.election, fence: event.fence, owner: event.owner };
    if (event.type === 'demoted') logger?.warn('ddb-lock: demoted', { ...fields, reason: event.reason, heldMs: event.heldMs });
    else logger?.info(`ddb-lock: ${event.type}`, fields);
    if (event.type !== 'elected' || !tracer?.isTracingEnabled()) return;
    tracer.getSegment()?.addAnnotation('leaderTerm', event.fence);
  };

  return {
    onLockEvent(event) {
      switch (event.type) {
        case 'acquireStarted':
          startSegment(event);
          return;
        case 'acquired':
          endSegment(event);
          metric(event, 'LockAcquireWait', 'Milliseconds', event.waitMs);
          if (event.contended) metric(event, 'LockContended', 'Count', 1);
          if (event.takeover === 'watched' || event.takeover === 'expired') metric(event, 'LockTakeover', 'Count', 1);
          held.set(`${event.key}\u0000${event.fence}`, event);
          showHeld();
          permitGauge(event, 1);
          return;
        case 'busy':
          endSegment(event);
          metric(event, 'LockAcquireWait', 'Milliseconds', event.waitMs);
          metric(event, 'LockBusy', 'Count', 1);
          return;
        case 'acquireFailed':
          endSegment(event);
          logger?.warn('ddb-lock: acquire failed', { lockKey: event.key, error: event.error });
          return;
        case 'heartbeatFailed':
          logger?.warn('ddb-lock: heartbeat failed', {
            lockKey: event.key,
            fence: event.fence,
            errorClass: event.errorClass,
            remainingMs: event.remainingMs,
            error: event.error,
          });
          return;
        case 'danger':
          logger?.warn('ddb-lock: lock validity nearly over without a confirmed heartbeat', {
            lockKey: event.key,
            fence: event.fence,
            remainingMs: event.remainingMs,
          });
          return;
        case 'lost': {
          endHold(event);
          metric(event, 'LockLost', 'Count', 1);
          const ownDoing = event.reason === 'superseded' || event.reason === 'closed';
          (ownDoing ? logger?.warn : logger?.error)?.call(logger, 'ddb-lock: lock lost', {
            lockKey: event.key,
            fence: event.fence,
            reason: event.reason,
            error: event.error,
          });
          return;
        }
        case 'releaseFailed':
          endHold(event);
          logger?.error('ddb-lock: release failed; the lock expires within one lease', {
            lockKey: event.key,
            fence: event.fence,
            error: event.error,
          });
          return;
        case 'released':
          endHold(event);
          return;
        case 'renewed':
          return;
        case 'elected':
        case 'demoted':
        case 'resigned':
          onElection(event);
          return;
      }
    },
  };
}
