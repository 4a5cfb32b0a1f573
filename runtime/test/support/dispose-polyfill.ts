// Jest runs tests in a vm realm whose Symbol lacks the explicit-resource-management symbols
// that Node itself defines; give that realm its own so `await using` works in tests.
const symbols = Symbol as unknown as { asyncDispose?: symbol; dispose?: symbol };
symbols.asyncDispose ??= Symbol.for('nodejs.asyncDispose');
symbols.dispose ??= Symbol.for('nodejs.dispose');

export {};
