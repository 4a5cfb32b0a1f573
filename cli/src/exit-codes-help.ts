import { EXIT } from './exit-codes.js';

/**
 * The exit-code table as `--help` prints it, built from {@link EXIT} so the two never disagree.
 *
 * @example
 * ```ts
 * program.addHelpText('after', EXIT_CODES_HELP);
 * ```
 */
export const EXIT_CODES_HELP =
  `
Exit codes:
  ${EXIT.ok}    done
  ${EXIT.declined}    declined at the confirmation prompt (nothing changed)
  ${EXIT.usage}   bad flags, arguments or durations (nothing sent)
  ${EXIT.refused}   release refused: the lock is not held by that grant
  ${EXIT.noTable}   table not found
  ${EXIT.unavailable}   DynamoDB unavailable (network, throttling, 5xx past the deadline)
  ${EXIT.internal}   unexpected error (a bug)
  ${EXIT.busy}   lock busy: held by someone else when the wait ended (run did not start the command)
  ${EXIT.lost}   run: lock lost; the command was stopped
  ${EXIT.credentials}   AWS credentials missing or refused
  run: otherwise the command's own code, 128+N if signal N ended it, ${EXIT.commandNotFound} not found,` +
  ` ${EXIT.cannotExecute} not executable`;
