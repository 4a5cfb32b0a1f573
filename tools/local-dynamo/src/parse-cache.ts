import type { WireItem } from './wire-values.ts';

/**
 * dynalite's expression validation with its parses reused: the parser inlines the attribute
 * values into the tree, so a request of a shape already parsed (same expressions, names, value
 * placeholders and types) gets the cached tree with this request's values put where the first
 * request's were. Same answers (a parse depends on the values only through their types, except
 * BETWEEN's bound order, which is never cached), a fraction of the time: the lock's requests
 * repeat a handful of shapes.
 */
export function reusingParses(validate: (data: WireItem) => string | undefined): (data: WireItem) => string | undefined {
  const PARSED = ['_updates', '_condition', '_keyCondition', '_filter', '_projection'] as const;
  const cache = new Map<string, { values: WireItem; parsed: Partial<Record<(typeof PARSED)[number], unknown>> }>();
  return (data) => {
    const values: WireItem = data.ExpressionAttributeValues ?? {};
    const expressions = [
      data.UpdateExpression,
      data.ConditionExpression,
      data.KeyConditionExpression,
      data.FilterExpression,
      data.ProjectionExpression,
    ];
    if (expressions.some((e) => typeof e === 'string' && /BETWEEN/i.test(e))) return validate(data);
    const shape = JSON.stringify([
      expressions,
      data.ExpressionAttributeNames ?? null,
      Object.entries(values).map(([k, v]) => [k, Object.keys(v ?? {})]),
    ]);
    const hit = cache.get(shape);
    if (!hit) {
      const invalid = validate(data);
      // A copy: dynalite's update action resolves values into the parsed tree in place.
      const own = new Map<unknown, unknown>(Object.values(values).map((v) => [v, v]));
      if (invalid === undefined)
        cache.set(shape, {
          values,
          parsed: Object.fromEntries(PARSED.filter((p) => data[p] !== undefined).map((p) => [p, rebuild(data[p], own)])),
        });
      return invalid;
    }
    // The values' own checks (number format, empty sets …) still run on every request.
    const copy = {
      ...data,
      UpdateExpression: undefined,
      ConditionExpression: undefined,
      KeyConditionExpression: undefined,
      FilterExpression: undefined,
      ProjectionExpression: undefined,
    };
    const invalid = validate(copy);
    if (invalid !== undefined && !/unused in expressions|can only be specified when using expressions/.test(invalid)) return invalid;
    const ours = new Map<unknown, unknown>(Object.entries(hit.values).map(([k, v]) => [v, values[k]]));
    for (const [p, tree] of Object.entries(hit.parsed)) data[p] = rebuild(tree, ours);
    return undefined;
  };
}

/** A deep copy of a parsed tree, with the nodes `swap` names replaced by what it maps them to. */
function rebuild(node: unknown, swap: Map<unknown, unknown>): unknown {
  if (swap.has(node)) return swap.get(node);
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => rebuild(n, swap));
  const out: WireItem = {};
  for (const k in node) out[k] = rebuild((node as WireItem)[k], swap);
  return out;
}
