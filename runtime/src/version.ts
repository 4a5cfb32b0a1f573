/**
 * This package's version, sent as `ddb-lock/<version>` in the user agent of the DynamoDB client a
 * `LockClient` builds. A unit test keeps it equal to package.json's.
 *
 * @example
 * ```ts
 * console.log(`ddb-lock ${VERSION}`);
 * ```
 */
export const VERSION = '0.1.0';
