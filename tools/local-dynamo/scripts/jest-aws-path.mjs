#!/usr/bin/env node
// `jest-aws-path <test folder>...`: runs a package's DynamoDB suites (the runtime's integration
// suite, the example app's Lambda suite) exactly as they run against real DynamoDB
// (DDB_LOCK_TEST_TARGET=aws: the tests set no endpoint and the SDK takes everything from the
// standard AWS environment), with that environment pointing the SDK at a second dynalite on
// 127.0.0.1 through AWS_ENDPOINT_URL_DYNAMODB. Why: nobody here has an account, and a switch
// that is never exercised rots. It proves the real-DynamoDB path (table lifecycle, credentials
// handed to the Lambda runner's environments, which tests skip there), not DynamoDB itself.
// Run from the package's folder by its `npm test` (jest and the suite's config are found there).
// The repo's one local-DynamoDB toolkit; Node 22 strips its types on import.
import { startDynalite } from '@ddb-lock/local-dynamo';
import { runJest, testFolders } from './run-jest.mjs';

const folders = testFolders('jest-aws-path');

const dynamo = await startDynalite();

const env = {
  ...process.env,
  DDB_LOCK_TEST_TARGET: 'aws',
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'aws-path-check',
  AWS_SECRET_ACCESS_KEY: 'aws-path-check',
  // Nothing from this machine's AWS set-up may redirect a request elsewhere.
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
  // Which server answers, so tests of features dynalite lacks skip as they do on it (see
  // docs/server-differences.md); unset, the suites would expect all of real DynamoDB's.
  DDB_LOCK_TEST_SERVER: 'dynalite',
};
for (const name of ['DDB_LOCK_TEST_ENDPOINT', 'AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_DEFAULT_REGION'])
  delete env[name];

const code = await runJest(folders, env);
await dynamo.stop();
process.exit(code);
