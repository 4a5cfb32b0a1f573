import { LockValidationError } from '../errors.js';
import { checkDuration, checkKnownKeys, checkTableName } from '../validate.js';
import type { LambdaClientOptions } from './lambda-client-options.js';

/**
 * Checks the options a Lambda integration (`withLock`, the batch handlers) shares: the ones that
 * configure its lock client, `waitMs` and `deadlineMarginMs`. A client is recognised by its
 * shape, not by `instanceof`: two copies of the package (a bundled one and a layer's) must not
 * refuse each other's clients, and the check must not be what pulls the class into a bundle.
 *
 * @example
 * ```ts
 * checkClientOptions('withLock', { leaseMs: 10_000, trustWallClock: false }); // passes
 * checkClientOptions('withLock', { client, tableName: 'locks' });              // throws: set it on the client
 * ```
 */
export function checkClientOptions(
  where: string,
  options: LambdaClientOptions & { readonly leaseMs?: number; readonly waitMs?: number },
): void {
  for (const name of ['leaseMs', 'heartbeatMs', 'deadlineMarginMs'] as const) checkDuration(name, options[name]);
  checkDuration('waitMs', options.waitMs, true);
  const { client, tableName, trustWallClock: trust } = options;
  if (client !== undefined) {
    const shape = client as Partial<Record<'acquire' | 'tryAcquire', unknown>> | null;
    if (typeof shape?.acquire !== 'function' || typeof shape.tryAcquire !== 'function')
      throw new LockValidationError(`${where}: client must be a LockClient`);
    if ((['tableName', 'heartbeatMs', 'trustWallClock', 'observers'] as const).some((name) => options[name] !== undefined)) {
      throw new LockValidationError(
        `${where}: tableName, heartbeatMs, trustWallClock and observers configure the default client; with your own, set them on it`,
      );
    }
  }
  if (trust !== undefined && trust !== false) {
    checkKnownKeys(`${where} trustWallClock`, trust, ['maxSkewMs']);
    if (trust.maxSkewMs === undefined) throw new LockValidationError(`${where}: trustWallClock must be false or { maxSkewMs }`);
    checkDuration('trustWallClock.maxSkewMs', trust.maxSkewMs, true);
  }
  if (options.observers !== undefined && !Array.isArray(options.observers))
    throw new LockValidationError(`${where}: observers must be an array`);
  if (tableName !== undefined) checkTableName(`${where} tableName`, tableName);
}
