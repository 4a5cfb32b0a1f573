import { billedUnits, type OperationCapacity, type RequestCapacity } from './capacity-recorder.ts';

/**
 * DynamoDB prices the page computes with: US East (N. Virginia), Standard table class. On-demand prices
 * are those in force since AWS halved them on 2024-11-01. No network here: re-check them at the source.
 *
 * @example
 * ```ts
 * const dollars = (writeUnits * PRICES.onDemandPerMillionWrites) / 1e6;
 * ```
 */
export const PRICES = {
  region: 'US East (N. Virginia), Standard table class',
  recorded: '2026-12-07',
  source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/ and https://aws.amazon.com/dynamodb/pricing/provisioned/',
  onDemandPerMillionWrites: 0.625,
  onDemandPerMillionReads: 0.125,
  provisionedWcuHour: 0.00065,
  provisionedRcuHour: 0.00013,
} as const;

/**
 * DynamoDB's documented per-partition ceiling (one partition key lives on one partition).
 *
 * @example
 * ```ts
 * const cyclesPerSecond = PARTITION_LIMITS.wcuPerSecond / writeUnitsPerCycle;
 * ```
 */
export const PARTITION_LIMITS = { wcuPerSecond: 1000, rcuPerSecond: 3000 } as const;

/** Write and read capacity units. */
export interface Units {
  wcu: number;
  rcu: number;
}

const WRITES = new Set(['UpdateItem', 'PutItem', 'DeleteItem']);

/**
 * Whether a request is a write (billed in write units).
 *
 * @example
 * ```ts
 * isWrite('UpdateItem'); // true
 * ```
 */
export function isWrite(command: string): boolean {
  return WRITES.has(command);
}

/**
 * The operation whose name starts with `prefix`; throws when none was measured.
 *
 * @example
 * ```ts
 * const acquire = operation(measured.locks, 'acquire (free key)');
 * ```
 */
export function operation(ops: readonly OperationCapacity[], prefix: string): OperationCapacity {
  const found = ops.find((m) => m.operation.startsWith(prefix));
  if (!found) throw new Error(`no measurement for ${prefix}`);
  return found;
}

/**
 * What an operation (or some of its requests) costs on DynamoDB, in write and read units: the reads only
 * dynalite sends left out.
 *
 * @example
 * ```ts
 * const { wcu, rcu } = unitsOf(operation(measured.locks, 'heartbeat').requests);
 * ```
 */
export function unitsOf(requests: readonly RequestCapacity[]): Units {
  const units = { wcu: 0, rcu: 0 };
  for (const r of requests) {
    if (isWrite(r.command)) units.wcu += billedUnits(r);
    else units.rcu += billedUnits(r);
  }
  return units;
}

/**
 * The page's table rows for measured operations: the requests as sent, each one's units as reported or
 * computed, and the total on DynamoDB. Operation names lose the `group: ` prefix the measurement uses.
 *
 * @example
 * ```ts
 * const table = [TABLE_HEAD, ...requestRows(measured.semaphore)].join('\n');
 * ```
 */
export function requestRows(ops: readonly OperationCapacity[]): string[] {
  return ops.map((m) => {
    const name = m.operation.replace(/^\w+: /, '');
    const sent = m.requests.map((r) => `${r.command}${r.keys !== undefined ? ` (${r.keys} keys)` : ''}`).join(' + ');
    const cap = m.requests.map(cell).join(' + ');
    const total = unitsOf(m.requests);
    return `| ${name} | ${sent} | ${cap} | ${total.wcu} + ${total.rcu} |`;
  });
}

/** The header of the tables {@link requestRows} fills. */
export const TABLE_HEAD =
  '| operation | requests (as sent to dynalite) | capacity units per request | on DynamoDB: write + read units |\n|---|---|---|---|';

function cell(r: RequestCapacity): string {
  if (r.dynaliteOnly) return `(${r.units}: dynalite only, not sent to DynamoDB)`;
  if (r.refused) return `${r.refused.units} (computed: refused by a ${r.refused.itemBytes}-byte item)`;
  return String(r.units);
}

/**
 * Dollars of `n` repetitions of `u` at on-demand prices.
 *
 * @example
 * ```ts
 * onDemand({ wcu: 2, rcu: 0 }, 1e6); // 1.25
 * ```
 */
export function onDemand(u: Units, n: number): number {
  return (u.wcu * n * PRICES.onDemandPerMillionWrites + u.rcu * n * PRICES.onDemandPerMillionReads) / 1e6;
}

/**
 * Dollars as the page writes them: cents for a cent or more, two significant digits below.
 *
 * @example
 * ```ts
 * usd(1.25); // '$1.25'
 * ```
 */
export function usd(x: number): string {
  return x >= 0.01 ? `$${x.toFixed(2)}` : `$${x.toPrecision(2)}`;
}

/**
 * A whole number with thousands separators, a fraction to at most one decimal.
 *
 * @example
 * ```ts
 * num(3000); // '3,000'
 * ```
 */
export function num(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 1 });
}
