/**
 * The example's locked worker.
 *
 * TODO(issue 4): wrap with `withLock((event) => event.customerId)` from `@ddb-lock/runtime`
 * once the middleware lands; until then it only proves the wiring (bundling, env var, grants).
 */
export interface WorkerEvent {
  readonly customerId: string;
}

export async function handler(event: WorkerEvent): Promise<{ customerId: string; table: string | undefined }> {
  // DDB_LOCK_TABLE_NAME is set by DistributedLockTable.bindTo; the middleware will read it.
  return { customerId: event.customerId, table: process.env.DDB_LOCK_TABLE_NAME };
}
