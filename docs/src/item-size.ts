import type { AttributeValue } from '@aws-sdk/client-dynamodb';

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The size DynamoDB bills an item by, with the rules of its developer guide ("Item sizes and formats"):
 * each attribute's name (UTF-8 bytes) plus its value — a string its UTF-8 bytes, a binary its bytes, a
 * number 1 byte per two significant digits plus 1, a boolean or null 1 byte, a list or map 3 bytes plus 1
 * per element plus the elements (a map's element names included). A write costs one unit per started 1 KB
 * of this size, a strongly consistent read one unit per started 4 KB.
 *
 * @example
 * ```ts
 * itemSize({ pk: { S: 'job' }, fence: { N: '17' } }); // 2 + 3 + 5 + 2 = 12
 * ```
 */
export function itemSize(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += utf8(name) + valueSize(value);
  return bytes;
}

/**
 * Write units a write of an item of `bytes` costs: one per started KB, at least one.
 *
 * @example
 * ```ts
 * writeUnits(1025); // 2
 * ```
 */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.length, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0);
  if (value.M !== undefined) return 3 + Object.keys(value.M).length + itemSize(value.M);
  throw new Error(`itemSize: an attribute value of no known type: ${JSON.stringify(value)}`);
}

/** 1 byte per two significant digits (leading and trailing zeros trimmed), plus 1. */
function numberSize(n: string): number {
  const digits = n.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}
