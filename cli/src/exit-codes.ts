/**
 * The `ddb-lock` exit codes. Stable: scripts and cron wrappers branch on them. The numbers follow
 * BSD sysexits where one fits (64 usage, 66 no input, 69 unavailable, 70 software, 75 temporary
 * failure, 77 permission); 65 and 76 are ours. `run` exits with its child's code once the child
 * has started (128 + N when a signal N ended it), except 76 when the lock was lost under it.
 *
 * @example
 * ```ts
 * import { EXIT } from './exit-codes.js';
 * process.exitCode = EXIT.busy; // 75: held by someone else, nothing was started
 * ```
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The operator answered "no" at a confirmation prompt: nothing was changed. */
  declined: 1,
  /** Bad flags, arguments or durations; nothing was sent. */
  usage: 64,
  /** `release` refused: the lock is not held by that grant (another fence, released, or no item). */
  refused: 65,
  /** The lock table does not exist (or these credentials cannot see it). */
  noTable: 66,
  /** DynamoDB could not be reached within the request deadline (network, throttling, 5xx). */
  unavailable: 69,
  /** An unexpected error: a bug, please report it with the message. */
  internal: 70,
  /** The lock is held by someone else and the wait ended; `run` did not start its command. */
  busy: 75,
  /** `run`: the lock was lost while the command ran; the command was stopped (SIGTERM, then SIGKILL). */
  lost: 76,
  /** No AWS credentials found, or DynamoDB refused them (invalid, expired or not allowed). */
  credentials: 77,
  /** `run`: the command could not be executed (found but not executable). */
  cannotExecute: 126,
  /** `run`: the command was not found. */
  commandNotFound: 127,
} as const;

/**
 * One of the codes above.
 *
 * @example
 * ```ts
 * const code: ExitCode = EXIT.refused;
 * ```
 */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Exit code of a process ended by a signal, as shells report it: 128 + the signal's number.
 *
 * @example
 * ```ts
 * signalExitCode(os.constants.signals.SIGINT); // 130
 * ```
 */
export function signalExitCode(signalNumber: number): number {
  return 128 + signalNumber;
}
