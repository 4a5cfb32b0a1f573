import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MissingToolchainError } from './missing-toolchain-error.ts';

/**
 * What a suite needs from outside Node, for {@link skipOrRequire}.
 *
 * @example
 * ```ts
 * const need: ToolchainNeed = { suite: 'actionlint', requirement: 'Go', missing: missingCommands(['go']), enable: 'install Go' };
 * ```
 */
export interface ToolchainNeed {
  /** Names what is skipped: "<suite> skipped: …". */
  readonly suite: string;
  /** Names what CI requires: "CI requires <requirement>: …". */
  readonly requirement: string;
  /** Why it cannot run here; undefined when it can. */
  readonly missing: string | undefined;
  /** How to enable it: the tail of the skip line. */
  readonly enable: string;
}

/**
 * The one rule for suites that need Python, Java, Maven, Go or moto: on a machine with only Node
 * they print one line and pass (the README's `npm test` must work there); under CI=true (or 1)
 * they are required, so a broken CI image fails instead of skipping silently.
 * Returns undefined when the suite can run, the line to print when it is skipped; throws
 * {@link MissingToolchainError} under CI.
 *
 * @example
 * ```ts
 * const skip = skipOrRequire({ suite: 'moto suites', requirement: 'moto', missing: motoMissing(), enable: MOTO_SETUP_HINT });
 * if (skip) console.log(skip);
 * ```
 */
export function skipOrRequire(need: ToolchainNeed, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!need.missing) return undefined;
  if (env.CI === 'true' || env.CI === '1') throw new MissingToolchainError(`CI requires ${need.requirement}: ${need.missing}`);
  return `${need.suite} skipped: ${need.enable}`;
}

/**
 * Which of `commands` are not an executable file in any folder of `PATH`: a sentence naming them,
 * or undefined when all are there. Looks at the files only (running `java -version` would start a JVM).
 *
 * @example
 * ```ts
 * missingCommands(['python3', 'go']); // 'not on PATH: go' on a machine without Go
 * ```
 */
export function missingCommands(commands: readonly string[], path: string = process.env.PATH ?? ''): string | undefined {
  const folders = path.split(delimiter).filter(Boolean);
  const absent = commands.filter((command) => !folders.some((folder) => isExecutable(join(folder, command))));
  return absent.length === 0 ? undefined : `not on PATH: ${absent.join(', ')}`;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
