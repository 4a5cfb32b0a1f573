import { LockValidationError } from './errors.js';

/** DynamoDB's limits, in UTF-8 bytes. */
export const MAX_PARTITION_KEY_BYTES = 2048;
export const MAX_SORT_KEY_BYTES = 1024;
export const MAX_ITEM_BYTES = 400 * 1024;

/**
 * The longest duration any option takes: one year. A lease is a promise to heartbeat within it
 * (a lease of years is a lock no crashed holder ever gives back), TTL retention past a year keeps
 * dead items for nothing, and a year keeps `expiresAt`, `ttl` and the µs fence base far inside
 * JavaScript's exact integers.
 */
export const MAX_DURATION_MS = 365 * 24 * 60 * 60 * 1000;

/** A UTF-16 surrogate without its pair: UTF-8 cannot encode it (the SDK would store U+FFFD instead). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** DynamoDB's table names: 3–255 of `a-z A-Z 0-9 _ - .`; or a table ARN, which its item operations also take. */
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}$/;

const utf8 = new TextEncoder();

/** UTF-8 length, which is how DynamoDB measures strings. */
export function byteLength(value: string | Uint8Array): number {
  return typeof value === 'string' ? utf8.encode(value).byteLength : value.byteLength;
}

/**
 * Whether a string may be over `maxBytes` in UTF-8. A UTF-16 code unit encodes to at most 3
 * bytes, so most strings are decided by their length alone, without encoding them (the hot path:
 * every acquire checks its key).
 */
function mayExceed(value: string, maxBytes: number): boolean {
  return value.length * 3 > maxBytes && byteLength(value) > maxBytes;
}

/** A duration option: finite and > 0 (or ≥ 0 when `allowZero`), whole milliseconds, at most {@link MAX_DURATION_MS}. */
export function checkDuration(name: string, value: unknown, allowZero = false): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new LockValidationError(`${name} must be a finite number ${allowZero ? '≥' : '>'} 0 (ms), got ${String(value)}`);
  }
  if (!Number.isInteger(value) || value > MAX_DURATION_MS) {
    throw new LockValidationError(`${name} must be whole milliseconds, at most ${MAX_DURATION_MS} (one year), got ${String(value)}`);
  }
}

/** A table name DynamoDB accepts (or a table ARN), refused here rather than as the SDK's ValidationException. */
export function checkTableName(name: string, value: unknown): void {
  checkString(name, value, 1024);
  if (!TABLE_NAME.test(value as string) && !TABLE_ARN.test(value as string)) {
    throw new LockValidationError(
      `${name} must be 3–255 characters of a-z, A-Z, 0-9, '_', '-', '.' (or a table ARN), got ${JSON.stringify(value)}`,
    );
  }
}

/** A non-empty, well-formed (no lone surrogate) string within `maxBytes` UTF-8 bytes. */
export function checkString(name: string, value: unknown, maxBytes: number): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new LockValidationError(`${name} must be a non-empty string, got ${describe(value)}`);
  }
  // Two keys differing only in a lone surrogate would be stored as one (both become U+FFFD).
  if (LONE_SURROGATE.test(value)) throw new LockValidationError(`${name} is not well-formed UTF-16 (a lone surrogate)`);
  if (mayExceed(value, maxBytes)) {
    throw new LockValidationError(`${name} is ${byteLength(value)} bytes; DynamoDB allows at most ${maxBytes}`);
  }
}

/** Lock data: a string or bytes, small enough to fit in one item with the lock attributes. */
export function checkData(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
    throw new LockValidationError(`${name} must be a string or Uint8Array, got ${describe(value)}`);
  }
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    throw new LockValidationError(`${name} is not well-formed UTF-16 (a lone surrogate); pass bytes as a Uint8Array`);
  }
  // Keys and lock attributes take at most ~3.3 KB; keep the rest of the 400 KB item for data.
  const limit = MAX_ITEM_BYTES - MAX_PARTITION_KEY_BYTES - MAX_SORT_KEY_BYTES - 512;
  if (typeof value === 'string' ? mayExceed(value, limit) : value.byteLength > limit) {
    throw new LockValidationError(`${name} is ${byteLength(value)} bytes; at most ${limit} fit in the lock item`);
  }
}

/** Rejects misspelt or unsupported options instead of silently ignoring them. */
export function checkKnownKeys(where: string, value: unknown, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LockValidationError(`${where} must be an object, got ${describe(value)}`);
  }
  // A loop, not Object.keys().filter(): nothing allocated when every key is known (the hot path).
  let unknown: string[] | undefined;
  for (const k in value) {
    if (!Object.hasOwn(value, k) || allowed.includes(k)) continue;
    unknown ??= [];
    unknown.push(k);
  }
  if (unknown) {
    throw new LockValidationError(`${where}: unknown option(s) ${unknown.join(', ')}; expected one of ${allowed.join(', ')}`);
  }
}

/** An AbortSignal or nothing. */
export function checkSignal(name: string, value: unknown): void {
  if (value !== undefined && !(value instanceof AbortSignal)) {
    throw new LockValidationError(`${name} must be an AbortSignal, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : 'a string';
  return value === null ? 'null' : typeof value;
}
