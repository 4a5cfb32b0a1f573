import { createRequire } from 'node:module';
import { reusingParses } from './parse-cache.ts';
import { clone, fromWire, toWire, type WireItem } from './wire-values.ts';

export type { WireItem } from './wire-values.ts';

/**
 * A DynamoDB error as the model raises it: `name` is DynamoDB's error type
 * (ConditionalCheckFailedException, ValidationException, TransactionCanceledException, …);
 * `Item` is the old item on a failed condition when the request asked for it
 * (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), as DynamoDB returns it.
 *
 * @example
 * ```ts
 * try { model.send('UpdateItem', input); } catch (e) { if (e instanceof MemoryDynamoError) console.log(e.name, e.Item); }
 * ```
 */
export class MemoryDynamoError extends Error {
  override readonly name: string;
  readonly Item: WireItem | undefined;
  readonly CancellationReasons: { Code: string; Message?: string; Item?: WireItem }[] | undefined;

  constructor(name: string, message: string, item?: WireItem, reasons?: { Code: string; Message?: string; Item?: WireItem }[]) {
    super(message);
    this.name = name;
    this.Item = item;
    this.CancellationReasons = reasons;
  }
}

/** The operations the model answers; others raise UnknownOperationException. */
export type MemoryOperation = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'TransactWriteItems' | 'BatchGetItem';

interface DynaliteError extends Error {
  body?: { __type?: string; message?: string };
}
type Callback = (error: DynaliteError | null | undefined, result?: WireItem) => void;
type Action = (store: object, data: WireItem, cb: Callback) => void;
interface ActionValidation {
  types: object;
  custom?: (data: WireItem, store: object) => string | undefined;
}

// dynalite's own request validation, expression parsers and evaluator, and its item actions, run
// in-process on a synchronous store: the same code the loopback dynalite server runs, minus HTTP.
const require = createRequire(import.meta.url);
const validations = require('dynalite/validations/index.js') as {
  checkTypes(data: WireItem, types: object): WireItem;
  checkValidations(data: WireItem, types: object, custom: ActionValidation['custom'], store: object): void;
  validateExpressions(data: WireItem): string | undefined;
};
validations.validateExpressions = reusingParses(validations.validateExpressions);
const db = require('dynalite/db/index.js') as {
  createKey(item: WireItem, table: object): string;
  checkConditional(data: WireItem, item: WireItem | undefined): DynaliteError | null | undefined;
};
const ACTIONS: Record<Exclude<MemoryOperation, 'TransactWriteItems' | 'BatchGetItem'>, { run: Action; check: ActionValidation }> = {
  GetItem: { run: require('dynalite/actions/getItem.js'), check: require('dynalite/validations/getItem.js') },
  PutItem: { run: require('dynalite/actions/putItem.js'), check: require('dynalite/validations/putItem.js') },
  UpdateItem: { run: require('dynalite/actions/updateItem.js'), check: require('dynalite/validations/updateItem.js') },
  DeleteItem: { run: require('dynalite/actions/deleteItem.js'), check: require('dynalite/validations/deleteItem.js') },
};
// Validated by dynalite; answered here, one GetItem per key (dynalite's own action shuffles its
// answer with Math.random, and a model must answer the same way every time).
const BATCH_GET: ActionValidation = require('dynalite/validations/batchGetItem.js');

/**
 * DynamoDB in memory, synchronous and deterministic: every request is validated, its
 * condition and update expressions parsed and evaluated by dynalite's own code (a wrong
 * expression is a wrong result, an unused placeholder a ValidationException), applied
 * atomically, and answered as DynamoDB answers — including what dynalite's server leaves out:
 * the old item on a failed condition (`ReturnValuesOnConditionCheckFailure`) and
 * `TransactWriteItems` (conditions checked on every item first, then all applied, or
 * TransactionCanceledException with one reason per item). Inputs and outputs are in the SDK's
 * shape (binary as Uint8Array). It is a model of DynamoDB, not of the lock protocol: the unit
 * tests' fake table and the simulator (tools/sim) both use it.
 *
 * @example
 * ```ts
 * const model = new MemoryDynamo();
 * model.createTable('locks', { partitionKeyName: 'pk' });
 * model.send('UpdateItem', { TableName: 'locks', Key: { pk: { S: 'job' } }, UpdateExpression: 'SET #o = :o', ... });
 * ```
 */
export class MemoryDynamo {
  private readonly tables = new Map<string, { table: object; items: Map<string, WireItem> }>();
  private readonly store = {
    options: { maxItemSize: 400 * 1024 },
    getTable: (name: string, checkStatus: unknown, cb?: Callback) => {
      const done = (typeof checkStatus === 'function' ? checkStatus : cb) as Callback;
      const entry = this.tables.get(name);
      if (!entry) return done(error('ResourceNotFoundException', 'Requested resource not found'));
      done(null, entry.table);
    },
    getItemDb: (name: string) => {
      const items = this.tables.get(name)!.items;
      return {
        lock: (_key: string, fn: (release: (cb: Callback) => Callback) => void) => fn((cb) => cb),
        get: (key: string, cb: Callback) => {
          const item = items.get(key);
          if (item) cb(null, clone(item));
          else cb(Object.assign(new Error('not found'), { name: 'NotFoundError' }));
        },
        put: (key: string, item: WireItem, cb: Callback) => {
          items.set(key, clone(item));
          cb(null);
        },
        del: (key: string, cb: Callback) => {
          items.delete(key);
          cb(null);
        },
      };
    },
  };

  /** Creates an ACTIVE table with string keys. */
  createTable(tableName: string, keys: { partitionKeyName: string; sortKeyName?: string }): void {
    const names = [keys.partitionKeyName, ...(keys.sortKeyName ? [keys.sortKeyName] : [])];
    const table = {
      TableName: tableName,
      TableStatus: 'ACTIVE',
      KeySchema: names.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      AttributeDefinitions: names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    };
    this.tables.set(tableName, { table, items: new Map() });
  }

  /** Every item of a table (SDK shape), in no particular order. */
  items(tableName: string): WireItem[] {
    return [...(this.tables.get(tableName)?.items.values() ?? [])].map(fromWire);
  }

  /** The item under `key` (SDK shape), read directly: no request, no capacity. */
  item(tableName: string, key: WireItem): WireItem | undefined {
    const item = this.current(tableName, toWire(key));
    return item && fromWire(item);
  }

  /** Stores `item` as it is, or (with `undefined`) removes the item under `key` as TTL would: no condition, no request. */
  setItem(tableName: string, key: WireItem, item: WireItem | undefined): void {
    const entry = this.tables.get(tableName);
    if (!entry) throw new MemoryDynamoError('ResourceNotFoundException', `no table ${tableName}`);
    const id = db.createKey(toWire(key), entry.table);
    if (item) entry.items.set(id, toWire(item));
    else entry.items.delete(id);
  }

  /** Answers one request at once (atomically), or throws a {@link MemoryDynamoError}. */
  send(operation: string, input: WireItem): WireItem {
    const data = withTableNames(toWire(input));
    if (operation === 'TransactWriteItems') return this.transactWrite(data);
    if (operation === 'BatchGetItem') return fromWire(this.batchGet(data));
    const action = ACTIONS[operation as keyof typeof ACTIONS];
    if (!action) throw new MemoryDynamoError('UnknownOperationException', `the in-memory model does not answer ${operation}`);
    return fromWire(this.run(operation, action, data));
  }

  private run(operation: string, action: (typeof ACTIONS)[keyof typeof ACTIONS], input: WireItem): WireItem {
    let data: WireItem;
    try {
      data = validations.checkTypes(clone(input), action.check.types);
      validations.checkValidations(data, action.check.types, action.check.custom, this.store);
    } catch (e) {
      throw fromDynalite(e as DynaliteError);
    }
    const before = operation === 'GetItem' ? undefined : this.current(data.TableName, data.Key ?? data.Item);
    let answer: { error?: DynaliteError | null; result?: WireItem } | undefined;
    action.run(this.store, data, (e, result) => {
      answer = { error: e, result };
    });
    // The store answers synchronously, so every action does: an atomic request.
    if (!answer) throw new Error(`the in-memory model's ${operation} did not complete synchronously`);
    if (answer.error) {
      const failure = fromDynalite(answer.error);
      if (failure.name === 'ConditionalCheckFailedException' && input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && before) {
        throw new MemoryDynamoError(failure.name, failure.message, before);
      }
      throw failure;
    }
    const { ConsumedCapacity: _unasked, ...result } = answer.result ?? {};
    return result;
  }

  /**
   * Every key's item as a GetItem of it would answer (ConsistentRead as asked), absent ones left
   * out. DynamoDB answers in no particular order: the model answers in the reverse of the order
   * asked, so a caller that relies on the order fails here too. Nothing is left unprocessed.
   */
  private batchGet(input: WireItem): WireItem {
    let data: WireItem;
    try {
      data = validations.checkTypes(clone(input), BATCH_GET.types);
      validations.checkValidations(data, BATCH_GET.types, BATCH_GET.custom, this.store);
    } catch (e) {
      throw fromDynalite(e as DynaliteError);
    }
    const responses: WireItem = {};
    for (const [tableName, request] of Object.entries(data.RequestItems as WireItem)) {
      const { Keys: keys, ...read } = request as WireItem;
      const found = (keys as WireItem[]).flatMap((Key) => {
        const out = this.run('GetItem', ACTIONS.GetItem, { ...clone(read), TableName: tableName, Key });
        return out.Item ? [out.Item] : [];
      });
      responses[tableName] = found.reverse();
    }
    return { Responses: responses, UnprocessedKeys: {} };
  }

  /** All conditions first, on the items as they are; then every write, or none. */
  private transactWrite(data: WireItem): WireItem {
    const entries = (data.TransactItems ?? []) as WireItem[];
    if (entries.length === 0 || entries.length > 100) {
      throw new MemoryDynamoError('ValidationException', 'TransactItems must have between 1 and 100 items');
    }
    const steps = entries.map((entry) => {
      const [kind, body] = Object.entries(entry)[0] as [string, WireItem];
      const parsed = { ...clone(body) };
      const invalid = validations.validateExpressions(parsed);
      if (invalid) throw new MemoryDynamoError('ValidationException', invalid);
      return { kind, body, parsed };
    });
    const reasons = steps.map(({ kind, body, parsed }) => {
      const current = this.current(body.TableName, body.Key ?? body.Item);
      if (!db.checkConditional(parsed, current)) return { Code: 'None' };
      const old = body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && current ? { Item: fromWire(current) } : {};
      return { Code: 'ConditionalCheckFailed', Message: `The conditional request failed (${kind})`, ...old };
    });
    if (reasons.some((r) => r.Code !== 'None')) {
      const codes = reasons.map((r) => r.Code).join(', ');
      throw new MemoryDynamoError(
        'TransactionCanceledException',
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
        undefined,
        reasons,
      );
    }
    for (const { kind, body } of steps) {
      if (kind === 'ConditionCheck') continue;
      const { ConditionExpression: _checked, ReturnValuesOnConditionCheckFailure: _old, ...write } = body;
      const op = kind === 'Put' ? 'PutItem' : kind === 'Update' ? 'UpdateItem' : 'DeleteItem';
      this.run(op, ACTIONS[op], withoutUnusedPlaceholders(write));
    }
    return {};
  }

  private current(tableName: string, key: WireItem | undefined): WireItem | undefined {
    const entry = this.tables.get(tableName);
    if (!entry || !key) return undefined;
    const item = entry.items.get(db.createKey(key, entry.table));
    return item && clone(item);
  }
}

/** DynamoDB takes a table's ARN where it takes its name: the model keeps tables by name. */
function withTableNames(data: WireItem): WireItem {
  const name = (value: unknown) => (typeof value === 'string' ? value.replace(/^arn:aws[a-z-]*:dynamodb:[^:]+:\d+:table\//, '') : value);
  if (data.TableName !== undefined) data.TableName = name(data.TableName);
  for (const entry of (data.TransactItems ?? []) as WireItem[])
    for (const body of Object.values(entry)) body.TableName = name(body.TableName);
  return data;
}

/** A write of a transaction without its condition: the placeholders only the condition used go too. */
function withoutUnusedPlaceholders(write: WireItem): WireItem {
  const text = `${write.UpdateExpression ?? ''}`;
  const keep = (map: WireItem | undefined) => {
    if (!map) return undefined;
    const kept = Object.fromEntries(Object.entries(map).filter(([k]) => new RegExp(`${k}(?![\\w])`).test(text)));
    return Object.keys(kept).length > 0 ? kept : undefined;
  };
  const { ExpressionAttributeNames: names, ExpressionAttributeValues: values, ...rest } = write;
  const n = keep(names);
  const v = keep(values);
  return { ...rest, ...(n && { ExpressionAttributeNames: n }), ...(v && { ExpressionAttributeValues: v }) };
}

function error(name: string, message: string): DynaliteError {
  return Object.assign(new Error(message), { body: { __type: `com.amazonaws.dynamodb.v20120810#${name}`, message } });
}

function fromDynalite(e: DynaliteError): MemoryDynamoError {
  const type = e.body?.__type ?? 'InternalServerError';
  return new MemoryDynamoError(type.slice(type.indexOf('#') + 1), e.body?.message ?? e.message);
}
