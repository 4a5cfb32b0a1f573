import { appendFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Records every DynamoDB request a test file sends, for the construct's least-privilege check
 * (`npm run test:least-privilege -w construct`, which loads this with `--setupFilesAfterEnv` and
 * sets DDB_LOCK_RECORD_ACTIONS to a folder; the runtime's own `npm test` never loads it). One
 * JSON line per request: the operation, its table(s), and who sent it —
 * - `harness`: test code (table set-up, simulated TTL deletions), not the runtime;
 * - `table-admin`: the runtime's `ensureTable`;
 * - `inspection`: the runtime's `getLock` and `listLocks`;
 * - `protected-write`: the runtime's `fencedWrite`, a write to the application's item (the
 *   integration suite keeps those items in the lock table for convenience; a real app does not);
 * - `lock`: every other request the runtime sends (acquire, heartbeat, release, read-back,
 *   guardedTransaction, the middleware's).
 * Requests from child processes (the paused-holder and awaiting-process fixtures) are not seen.
 * `feature` names the optional feature a request serves, for the reduced grants: `release` (a
 * release: UpdateItem, or DeleteItem with deletion) and `guarded-transaction`.
 *
 * @example
 * ```sh
 * DDB_LOCK_RECORD_ACTIONS=/tmp/actions jest test/integration --setupFilesAfterEnv "$PWD/test/support/action-recorder.ts"
 * ```
 */
const folder = process.env.DDB_LOCK_RECORD_ACTIONS;

if (folder) {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${process.pid}.jsonl`);
  const testFile = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown');

  const send = DynamoDBClient.prototype.send;
  DynamoDBClient.prototype.send = function recordedSend(this: DynamoDBClient, ...args: unknown[]) {
    const command = args[0] as { constructor: { name: string }; input: Record<string, unknown> };
    appendFileSync(file, `${JSON.stringify({ testFile, sender: sender(), ...feature(), ...describeRequest(command) })}\n`);
    return (send as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof send;
}

/**
 * Who called `send`: the innermost frame outside the SDK (and this file). The runtime when that
 * frame is one of its source files, test code otherwise — also when test code runs *inside* the
 * runtime, as a batch's record handler or a middy handler does.
 */
function sender(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  Error.stackTraceLimit = limit;
  const caller = frames.find((f) => !/node_modules|node:internal|action-recorder/.test(f)) ?? '';
  if (!/[\\/]runtime[\\/]src[\\/]/.test(caller)) return 'harness';
  // V8 keeps awaiting callers on the stack ("at async fencedWrite"), retries included.
  if (frames.some((f) => /[\\/]fenced-write\.[jt]s/.test(f))) return 'protected-write';
  // The admin functions (runtime/src/admin): whose frames are on the stack, sync or awaiting.
  if (frames.some((f) => /[\\/]admin[\\/]ensure-table\.[jt]s/.test(f))) return 'table-admin';
  if (frames.some((f) => /[\\/]admin[\\/](get-lock|list-locks)\.[jt]s/.test(f))) return 'inspection';
  // A semaphore's holders() is a read for operators (the CLI's inspect), like getLock.
  if (frames.some((f) => /Semaphore\.holders/.test(f))) return 'inspection';
  return 'lock';
}

/** The optional feature on the stack, if any: a release, or a guarded transaction. */
function feature(): { feature?: string } {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  if (/[\\/]guarded-transaction\.[jt]s/.test(stack)) return { feature: 'guarded-transaction' };
  if (/LockProtocol\.release /.test(stack)) return { feature: 'release' };
  return {};
}

function describeRequest(command: { constructor: { name: string }; input: Record<string, unknown> }) {
  const operation = command.constructor.name.replace(/Command$/, '');
  const { input } = command;
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = (input.TransactItems as Array<Record<string, { TableName?: string }>>).map((item) => {
      const [kind, body] = Object.entries(item)[0]!;
      return { kind, table: body.TableName };
    });
    return { operation, items };
  }
  // A batch names its table(s) in RequestItems (the semaphore reads one table's permits).
  if (operation === 'BatchGetItem') return { operation, table: Object.keys(input.RequestItems as object)[0] };
  return { operation, table: input.TableName as string | undefined };
}
