import { Token } from 'aws-cdk-lib';
import type { LockAccessOptions } from '../lock-access-options';
import { LockTableValidationError } from './lock-table-validation-error';

/** Characters a key prefix may end with: the delimiters that make `<prefix>*` mean "under it". */
export const KEY_PREFIX_DELIMITERS = ['/', '#', ':'];

/**
 * The IAM condition that limits a grant to the keys in `options`, or `undefined` for
 * every key. Refuses anything that would grant more than it says.
 */
export function leadingKeysCondition(options: LockAccessOptions): Record<string, Record<string, unknown>> | undefined {
  const { keyPrefix, exactKeys } = options;
  if (keyPrefix !== undefined && exactKeys !== undefined) {
    throw new LockTableValidationError(
      'Give keyPrefix or exactKeys, not both: grant each in its own call (IAM would require both at once).',
    );
  }
  if (keyPrefix !== undefined) {
    checkPrefix(keyPrefix);
    return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keyPrefix}*`] } };
  }
  if (exactKeys !== undefined) {
    if (exactKeys.length === 0) {
      throw new LockTableValidationError('exactKeys must not be empty: omit it to allow every key in the lock table.');
    }
    for (const key of exactKeys) checkExactKey(key);
    return { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...exactKeys] } };
  }
  return undefined;
}

function checkPrefix(keyPrefix: string): void {
  if (Token.isUnresolved(keyPrefix)) {
    throw new LockTableValidationError('keyPrefix must be a literal string: a token cannot be checked to end with a delimiter.');
  }
  if (keyPrefix.length === 0) {
    throw new LockTableValidationError('keyPrefix must not be empty: omit it to allow every key in the lock table.');
  }
  if (/[*?]/.test(keyPrefix) || keyPrefix.includes('${')) {
    throw new LockTableValidationError(
      `keyPrefix "${keyPrefix}" contains an IAM wildcard (* or ?) or policy variable (\${), ` +
        'which would widen the LeadingKeys condition; use a literal prefix.',
    );
  }
  if (!KEY_PREFIX_DELIMITERS.includes(keyPrefix[keyPrefix.length - 1])) {
    throw new LockTableValidationError(
      `keyPrefix "${keyPrefix}" must end with a delimiter (${KEY_PREFIX_DELIMITERS.join(' ')}): ` +
        `"${keyPrefix}*" would also grant keys like "${keyPrefix}s-archive". ` +
        `Use keyPrefix "${keyPrefix}/" for the keys under it, or exactKeys: ["${keyPrefix}"] for that one key.`,
    );
  }
}

function checkExactKey(key: string): void {
  if (Token.isUnresolved(key)) return; // a table or parameter value: StringEquals cannot widen it
  if (key.length === 0) throw new LockTableValidationError('exactKeys must not contain an empty key.');
  if (key.includes('${')) {
    throw new LockTableValidationError(`exact key "${key}" contains an IAM policy variable (\${), which IAM would substitute.`);
  }
}
