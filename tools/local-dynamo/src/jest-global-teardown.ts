import type { LocalDynamo } from './local-dynamo.ts';

/**
 * Jest `globalTeardown` paired with `jest-global-setup`: stops the server it started, if any.
 *
 * @example
 * ```json
 * { "globalTeardown": "@ddb-lock/local-dynamo/jest-global-teardown" }
 * ```
 */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __ddbLockServer?: LocalDynamo }).__ddbLockServer?.stop();
}
