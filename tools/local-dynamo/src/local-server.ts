import { startDynalite } from './dynalite.ts';
import type { LocalDynamo, LocalServerName } from './local-dynamo.ts';
import { LocalDynamoError } from './local-dynamo-error.ts';
import { startMoto } from './moto.ts';

/**
 * Every server the toolkit can start, dynalite first (the default).
 *
 * @example
 * ```ts
 * for (const name of LOCAL_SERVERS) { const local = await startLocalServer(name); await local.stop(); }
 * ```
 */
export const LOCAL_SERVERS: readonly LocalServerName[] = ['dynalite', 'moto'];

/**
 * The server named by `DDB_LOCK_TEST_SERVER` (dynalite when unset). Anything else is a
 * {@link LocalDynamoError} before any server starts.
 *
 * @example
 * ```ts
 * const local = await startLocalServer(serverFromEnvironment());
 * ```
 */
export function serverFromEnvironment(env: NodeJS.ProcessEnv = process.env): LocalServerName {
  const name = env.DDB_LOCK_TEST_SERVER ?? 'dynalite';
  if (!(LOCAL_SERVERS as readonly string[]).includes(name)) {
    throw new LocalDynamoError(`DDB_LOCK_TEST_SERVER must be one of ${LOCAL_SERVERS.join(', ')}, got '${name}'`);
  }
  return name as LocalServerName;
}

/**
 * Starts the named server on 127.0.0.1 on a free port.
 *
 * @example
 * ```ts
 * const local = await startLocalServer('moto');
 * try { … } finally { await local.stop(); }
 * ```
 */
export function startLocalServer(name: LocalServerName): Promise<LocalDynamo> {
  return name === 'moto' ? startMoto() : startDynalite();
}
