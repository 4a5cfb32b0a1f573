/**
 * The one list of `@ddb-lock/runtime`'s public entry points. Everything that names them is derived
 * from it: the package's `exports` and `typesVersions` (projenrc/runtime.ts), the tsconfig `paths`
 * of the workspace's private packages (compiler-options.ts), the example app's Jest map
 * (example-app.ts), and the list the consumer suite installs and checks (tools/consumer).
 * `tools/check-entry-points.ts` checks that each has its `src/<subpath>/index.ts`.
 *
 * Internals (the protocol's request builders) are no entry point: the bench and tests reach them
 * through the workspace's sources.
 */
export interface EntryPoint {
  /** The subpath after `@ddb-lock/runtime`: `''` for the root, else `/middy` and so on. */
  readonly subpath: string;
  /** One line on what it holds, for docs and the consumer suite's messages. */
  readonly summary: string;
}

export const RUNTIME_ENTRY_POINTS: readonly EntryPoint[] = [
  { subpath: '', summary: 'LockClient, Lock, fencedWrite, guardedTransaction, errors' },
  { subpath: '/middy', summary: 'withLock: the Middy middleware' },
  // Per-record locks for SQS / Kinesis / DynamoDB Streams batches: its own entry point, so the
  // root and /middy bundles never carry it.
  { subpath: '/batch', summary: 'lockedBatchHandler, lockedRecordHandler: per-record locks for batches' },
  // ensureTable, getLock, listLocks, releaseGrant: functions, so a Lambda bundle that only acquires
  // locks never carries them (methods of LockClient could not be tree-shaken).
  // A counting semaphore of N permits, each an ordinary lock: its own entry point, so the root and
  // /middy bundles that only take locks never carry it (withPermit is in /middy).
  { subpath: '/semaphore', summary: 'Semaphore: N permits, each a lock with fencing and takeover' },
  // Leader election (campaign / lead / observe): for long-running services, never in a Lambda bundle.
  { subpath: '/election', summary: 'Election: campaign, lead, observe and resign; terms are fencing tokens' },
  { subpath: '/admin', summary: 'ensureTable, getLock, listLocks, releaseGrant' },
  { subpath: '/powertools', summary: 'the Powertools Logger / Metrics / Tracer observer' },
  { subpath: '/otel', summary: 'the OpenTelemetry observer' },
];

/** `@ddb-lock/runtime` and each public subpath, as users import them. */
export function runtimeSpecifiers(): string[] {
  return RUNTIME_ENTRY_POINTS.map((entry) => `@ddb-lock/runtime${entry.subpath}`);
}
