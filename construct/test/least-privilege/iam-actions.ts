/**
 * Turns the requests the runtime's action recorder wrote (runtime/test/support/action-recorder.ts)
 * into the IAM actions each kind of runtime call needed on lock tables.
 */

/** One recorded request: who sent it, the operation, and its table (or a transaction's items). */
export interface RecordedRequest {
  readonly testFile: string;
  readonly sender: 'harness' | 'table-admin' | 'inspection' | 'protected-write' | 'lock' | 'operator';
  /** What a `lock` request served: a release, or a guarded transaction (runtime's action recorder). */
  readonly feature?: 'release' | 'guarded-transaction';
  readonly operation: string;
  readonly table?: string;
  readonly items?: Array<{ kind: string; table?: string }>;
}

/** The IAM actions found, per kind of runtime call, on the tables the runtime made with ensureTable. */
export interface ActionsFound {
  readonly lockTables: string[];
  readonly lock: string[];
  readonly inspection: string[];
  readonly tableAdmin: string[];
  /** What the CLI's operator commands sent (through its tests' recording proxy, to lock tables only). */
  readonly operator: string[];
  /** Lock actions of requests that serve neither a release nor a guarded transaction. */
  readonly lockBesidesFeatures: string[];
  /** Per lock action: the features of the requests that sent it (`none` for neither). */
  readonly lockSentBy: Record<string, string[]>;
  /** Requests the grants are not for: test set-up and writes to the application's items. */
  readonly notGranted: string[];
}

/** IAM authorises each item of a transaction by the item's own action. */
const TRANSACTION_ITEM_ACTIONS: Record<string, string> = {
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  Get: 'dynamodb:GetItem',
};

/** The IAM actions a request needs on `table`, or none when it does not touch that table. */
export function actionsOn(request: RecordedRequest, table: string): string[] {
  if (request.items) {
    return request.items
      .filter((i) => i.table === table)
      .map((i) => {
        const action = TRANSACTION_ITEM_ACTIONS[i.kind];
        if (!action) throw new Error(`unknown transaction item kind ${i.kind} in ${request.testFile}`);
        return action;
      });
  }
  return request.table === table ? [`dynamodb:${request.operation}`] : [];
}

/** Sorts the recorded requests into the actions each grant must cover. */
export function actionsFound(requests: RecordedRequest[]): ActionsFound {
  // Lock tables are the ones the runtime's ensureTable created (every test table is).
  const lockTables = [
    ...new Set(requests.filter((r) => r.sender === 'table-admin' && r.operation === 'CreateTable' && r.table).map((r) => r.table!)),
  ].sort();
  const collect = (senders: RecordedRequest['sender'][]) =>
    [...new Set(requests.filter((r) => senders.includes(r.sender)).flatMap((r) => lockTables.flatMap((t) => actionsOn(r, t))))].sort();
  const lockRequests = requests.filter((r) => r.sender === 'lock');
  const lockSentBy: Record<string, string[]> = {};
  for (const r of lockRequests) {
    for (const action of lockTables.flatMap((t) => actionsOn(r, t))) {
      lockSentBy[action] = [...new Set([...(lockSentBy[action] ?? []), r.feature ?? 'none'])].sort();
    }
  }
  return {
    lockTables,
    lock: collect(['lock']),
    lockBesidesFeatures: [
      ...new Set(lockRequests.filter((r) => r.feature === undefined).flatMap((r) => lockTables.flatMap((t) => actionsOn(r, t)))),
    ].sort(),
    lockSentBy,
    // The CLI's tables are made by its test process, not recorded: each request names its own.
    operator: [...new Set(requests.filter((r) => r.sender === 'operator').map((r) => `dynamodb:${r.operation}`))].sort(),
    inspection: collect(['inspection']),
    tableAdmin: collect(['table-admin']),
    notGranted: collect(['harness', 'protected-write']),
  };
}
