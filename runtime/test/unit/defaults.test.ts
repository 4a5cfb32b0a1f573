import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { DEFAULTS } from '../../src/defaults.js';

// The TSDoc `@default` of every public option whose default is a value, read from the source
// text, against defaults.ts — the one place the code takes them from. Editing either side alone
// fails here. A tag states a value (20000, "pk", true) or a formula over other options
// (min(5000, leaseMs / 4)); what follows it in parentheses or after a dash is commentary.

const SRC = new URL('../../src/', import.meta.url);

/** `@default` text of `property` in `file`, up to the end of its comment. */
function defaultTag(file: string, property: string): string {
  const text = readFileSync(new URL(file, SRC), 'utf8');
  const declaration = new RegExp(`readonly ${property}\\??:`).exec(text);
  if (!declaration) throw new Error(`${file}: no property ${property}`);
  const comment = text.slice(text.lastIndexOf('/**', declaration.index), declaration.index);
  const tag = /@default\s+([^\n]*?)\s*(?:\*\/)?\s*$/m.exec(comment);
  if (!tag) throw new Error(`${file}: ${property} has no @default`);
  return tag[1]!;
}

/** The value part of a tag: before commentary in parentheses (` (…`) or after a dash. */
function expressionOf(tag: string): string {
  return tag.split(/ \(| — /)[0]!.trim();
}

/** Evaluates a tag's formula with the option values given (min/max as Math's). */
function evaluate(expression: string, values: Record<string, number>): unknown {
  const names = Object.keys(values);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the formula is our own doc text
  return new Function(...names, `const min = Math.min, max = Math.max;return (${expression.replace(/(\d)_(\d)/g, '$1$2')});`)(
    ...names.map((n) => values[n]),
  );
}

/** Option values to try a formula with: multiples of 40 keep `/ 4` and `/ 10` exact. */
const SAMPLES: Record<string, number[]> = {
  leaseMs: [800, 4_000, 20_000, 60_000],
  heartbeatMs: [0, 1_000, 5_000],
  pollMs: [200, 1_000],
  safetyMarginMs: [80, 2_000],
};

function combinations(names: string[]): Array<Record<string, number>> {
  return names.reduce<Array<Record<string, number>>>(
    (all, name) => all.flatMap((c) => SAMPLES[name]!.map((v) => ({ ...c, [name]: v }))),
    [{}],
  );
}

type Case = [file: string, property: string, expected: unknown];
const CASES: Case[] = [
  ['client/lock-client-options.ts', 'partitionKeyName', DEFAULTS.partitionKeyName],
  ['client/lock-client-options.ts', 'leaseMs', DEFAULTS.leaseMs],
  ['client/lock-client-options.ts', 'heartbeatMs', DEFAULTS.heartbeatMs],
  ['client/lock-client-options.ts', 'safetyMarginMs', DEFAULTS.safetyMarginMs],
  ['client/lock-client-options.ts', 'dangerZoneMs', DEFAULTS.dangerZoneMs],
  ['client/lock-client-options.ts', 'requestTimeoutMs', DEFAULTS.requestTimeoutMs],
  ['client/lock-client-options.ts', 'ttlRetentionMs', DEFAULTS.ttlRetentionMs],
  ['client/lock-client-options.ts', 'pollMs', DEFAULTS.pollMs],
  ['client/lock-client-options.ts', 'maxWatchedLocks', DEFAULTS.maxWatchedLocks],
  ['client/acquire-options.ts', 'waitMs', DEFAULTS.waitMs],
  ['client/acquire-options.ts', 'replaceData', DEFAULTS.replaceData],
  ['client/acquire-options.ts', 'reentrant', DEFAULTS.reentrant],
  ['client/acquire-options.ts', 'deleteOnRelease', DEFAULTS.deleteOnRelease],
  ['client/acquire-options.ts', 'autoHeartbeat', DEFAULTS.autoHeartbeat],
  ['fencing/fenced-write.ts', 'fenceAttributeName', DEFAULTS.fenceAttributeName],
  ['lambda/lambda-client-options.ts', 'heartbeatMs', DEFAULTS.heartbeatMs],
  ['lambda/lambda-client-options.ts', 'trustWallClock', { maxSkewMs: DEFAULTS.lambdaMaxSkewMs }],
  ['lambda/lambda-client-options.ts', 'deadlineMarginMs', DEFAULTS.deadlineMarginMs],
  ['middy/with-lock-options.ts', 'leaseMs', DEFAULTS.leaseMs],
  ['middy/with-lock-options.ts', 'waitMs', DEFAULTS.lambdaWaitMs],
  ['batch/locked-batch-options.ts', 'leaseMs', DEFAULTS.leaseMs],
  ['batch/locked-batch-options.ts', 'waitMs', DEFAULTS.lambdaWaitMs],
  ['batch/locked-batch-options.ts', 'onBusy', DEFAULTS.batchOnBusy],
  ['batch/locked-batch-options.ts', 'concurrency', DEFAULTS.batchConcurrency],
];

describe('every @default agrees with defaults.ts', () => {
  it.each(CASES)('%s %s', (file, property, expected) => {
    const expression = expressionOf(defaultTag(file, property));
    if (typeof expected !== 'function') {
      expect(evaluate(expression, {})).toEqual(expected);
      return;
    }
    // A derived default: the formula in the doc and the function in defaults.ts, on the same inputs.
    const parameters = /^\(([^)]*)\)/
      .exec(expected.toString())![1]!
      .split(',')
      .map((p) => p.trim());
    for (const values of combinations(parameters)) {
      expect({ values, doc: evaluate(expression, values) }).toEqual({ values, doc: expected(...parameters.map((p) => values[p])) });
    }
  });

  it('reads the tags it checks: a changed default would fail (self-test of the parser)', () => {
    expect(expressionOf("min(5000, leaseMs / 4) (the client's)")).toBe('min(5000, leaseMs / 4)');
    expect(evaluate('min(5000, leaseMs / 4)', { leaseMs: 40_000 })).toBe(5_000);
    expect(evaluate('86400000', {})).not.toBe(DEFAULTS.ttlRetentionMs + 1);
    expect(evaluate('"lockFence"', {})).toBe('lockFence');
  });
});
