import {
  LockBusyError,
  LockConfigurationError,
  LockLostError,
  LockTableNotFoundError,
  LockUnavailableError,
  LockValidationError,
} from '@ddb-lock/runtime';
import { SemaphoreSizeError } from '@ddb-lock/runtime/semaphore';
import { CliError } from './cli-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** Errors DynamoDB (or the SDK's credential chain) returns when the caller is not who it must be. */
const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
  'ExpiredTokenException',
]);

/**
 * What the operator grant (`grantLockOperation` in @ddb-lock/construct) allows, named when AWS
 * refuses one: ls and watch Scan, inspect and watch KEY GetItem, release GetItem then UpdateItem.
 */
const OPERATOR_GRANT = 'DistributedLockTable.grantLockOperation(role) (GetItem, Scan, UpdateItem)';

/**
 * What the CLI prints and exits with for an error: one line and a documented exit code. Looks
 * through `cause` chains, because the lock client wraps transport errors (a credentials failure
 * surfaces inside a LockUnavailableError).
 *
 * @example
 * ```ts
 * const { exitCode, message } = classifyError(error, 'locks');
 * process.stderr.write(`ddb-lock: ${message}\n`);
 * ```
 */
export function classifyError(error: unknown, tableName?: string): { exitCode: ExitCode; message: string } {
  const say = (exitCode: ExitCode, message: string) => ({ exitCode, message: oneLine(message) });
  if (error instanceof CliError) return say(error.exitCode, error.message);
  // A semaphore whose table records another size: the configuration is wrong, like bad input.
  if (error instanceof LockValidationError || error instanceof LockConfigurationError || error instanceof SemaphoreSizeError)
    return say(EXIT.usage, error.message);
  if (error instanceof LockBusyError) return say(EXIT.busy, error.message);
  if (error instanceof LockLostError) return say(EXIT.lost, error.message);
  const denied = findInChain(error, (e) => e.name === 'AccessDeniedException');
  if (denied) return say(EXIT.credentials, accessDenied(denied, tableName));
  const credentials = findInChain(error, (e) => CREDENTIAL_ERRORS.has(e.name));
  if (credentials)
    return say(EXIT.credentials, `AWS credentials: ${credentials.message} (set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`);
  if (findInChain(error, (e) => e instanceof LockTableNotFoundError || e.name === 'ResourceNotFoundException')) {
    return say(EXIT.noTable, `table ${tableName ? `"${tableName}" ` : ''}not found (check --table and the region)`);
  }
  if (findInChain(error, (e) => /region is missing/i.test(e.message))) {
    return say(EXIT.usage, 'no AWS region: set AWS_REGION (or a profile with a region)');
  }
  if (error instanceof LockUnavailableError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return say(EXIT.unavailable, `DynamoDB unavailable: ${error.message}${cause}`);
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return say(EXIT.internal, `unexpected error: ${message}`);
}

/**
 * AWS says which action it refused ("… is not authorized to perform: dynamodb:UpdateItem on
 * resource: …"): name it first, then the grant that has it, then AWS's own words.
 */
function accessDenied(error: Error, tableName: string | undefined): string {
  const action = /perform: ([\w-]+:\w+)/.exec(error.message)?.[1];
  const what = action ?? 'an action this command needs';
  const where = tableName ? ` on table "${tableName}"` : '';
  return `AWS refused ${what}${where}: grant it, e.g. ${OPERATOR_GRANT} (AccessDeniedException: ${error.message})`;
}

function findInChain(error: unknown, match: (e: Error) => boolean): Error | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (match(e)) return e;
  }
  return undefined;
}

/** Errors are one line: a stack or a multi-line SDK message would bury the cause in a log. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
