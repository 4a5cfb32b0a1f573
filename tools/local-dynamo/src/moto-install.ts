import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { skipOrRequire } from './toolchain-gate.ts';

/** The toolkit's folder (tools/local-dynamo), where setup-moto.sh puts the venv. */
const toolDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * How to get moto, the tail of the line printed when moto suites are skipped.
 *
 * @example
 * ```ts
 * console.log(`moto suites skipped: ${MOTO_SETUP_HINT}`);
 * ```
 */
export const MOTO_SETUP_HINT =
  'run `bash tools/local-dynamo/setup-moto.sh` to enable them ' +
  '(needs python3 ≥ 3.9 with venv; installs the pinned moto[server] into tools/local-dynamo/.venv)';

/**
 * The Python that has moto: `DDB_LOCK_MOTO_PYTHON` if set, else the repo's venv
 * (tools/local-dynamo/.venv, made by setup-moto.sh).
 *
 * @example
 * ```ts
 * spawn(motoPython(), [MOTO_LAUNCHER, '--port', '0']);
 * ```
 */
export function motoPython(): string {
  return process.env.DDB_LOCK_MOTO_PYTHON ?? `${toolDir}.venv/bin/python`;
}

/**
 * The launcher that serves moto's DynamoDB one request at a time (see the file for why).
 *
 * @example
 * ```ts
 * spawn(motoPython(), [MOTO_LAUNCHER, '--host', '127.0.0.1', '--port', '0']);
 * ```
 */
export const MOTO_LAUNCHER = `${toolDir}moto-server.py`;

/**
 * Why moto cannot be started here, or undefined when it can.
 *
 * @example
 * ```ts
 * const missing = motoMissing();
 * if (missing) console.log(`moto suites skipped: ${missing}`);
 * ```
 */
export function motoMissing(): string | undefined {
  const path = motoPython();
  return existsSync(path) ? undefined : `moto is not installed (no ${path}); ${MOTO_SETUP_HINT.replace(' to enable them', '')}`;
}

/**
 * For a suite with moto tests: undefined when moto can run; otherwise the one line to print when
 * skipping them — except under CI=true (or 1), where moto is required and this throws.
 *
 * @example
 * ```ts
 * const skip = motoSkipReason();
 * test('… on moto', { skip: skip ?? false }, async () => { … });
 * ```
 */
export function motoSkipReason(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return skipOrRequire(
    { suite: 'moto suites', requirement: 'the second server, moto', missing: motoMissing(), enable: MOTO_SETUP_HINT },
    env,
  );
}
