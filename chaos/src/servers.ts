import { type LocalServerName, motoSkipReason } from '@ddb-lock/local-dynamo';

/**
 * The servers a chaos CI scenario runs on: dynalite always; moto where it is installed (required
 * under CI=true: the toolkit throws, failing the file).
 *
 * @example
 * ```ts
 * for (const { server, skip } of chaosServers()) test(`contended (${server})`, { skip }, async () => { … });
 * ```
 */
export function chaosServers(): { server: LocalServerName; skip: string | false }[] {
  return [
    { server: 'dynalite', skip: false },
    { server: 'moto', skip: motoSkipReason() ?? false },
  ];
}
