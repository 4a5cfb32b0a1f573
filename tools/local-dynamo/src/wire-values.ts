/** An attribute value as DynamoDB's JSON protocol writes it (binary as base64 here, bytes at the edges). */
// biome-ignore lint/suspicious/noExplicitAny: attribute values are open-ended JSON.
export type WireItem = Record<string, any>;

/** SDK shape → DynamoDB JSON (binary as base64), deep. */
export function toWire(value: unknown): WireItem {
  return mapBinary(
    value,
    (bytes) => Buffer.from(bytes as Uint8Array).toString('base64'),
    (v) => v instanceof Uint8Array,
  ) as WireItem;
}

/** DynamoDB JSON → SDK shape (binary as Uint8Array), deep. */
export function fromWire(value: unknown): WireItem {
  return mapBinary(
    value,
    (b64) => new Uint8Array(Buffer.from(b64 as string, 'base64')),
    (v) => typeof v === 'string',
  ) as WireItem;
}

function mapBinary(value: unknown, convert: (v: unknown) => unknown, isBinary: (v: unknown) => boolean): unknown {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => mapBinary(v, convert, isBinary));
  const out: WireItem = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k === 'B' && isBinary(v)) || (k === 'BS' && Array.isArray(v))) out[k] = k === 'BS' ? (v as unknown[]).map(convert) : convert(v);
    else out[k] = mapBinary(v, convert, isBinary);
  }
  return out;
}

/** A deep copy of DynamoDB JSON (plain objects, arrays, strings, booleans): faster than structuredClone for small items. */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: WireItem = {};
  for (const k in value) out[k] = clone((value as WireItem)[k]);
  return out as T;
}
