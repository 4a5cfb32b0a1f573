#!/usr/bin/env node
// `jest-moto <test folder>...`: a package's DynamoDB suites once more on the second server, moto
// (started by the toolkit's jest global setup on 127.0.0.1 like dynalite). Without the repo's
// moto venv this prints one line saying how to get it and passes — except under CI=true, where
// moto is required and its absence fails.
import { motoSkipReason } from '@ddb-lock/local-dynamo';
import { runJest, testFolders } from './run-jest.mjs';

const folders = testFolders('jest-moto');
let skip;
try {
  skip = motoSkipReason();
} catch (error) {
  console.error(`moto suites FAILED: ${error.message}`);
  process.exit(1);
}
if (skip) {
  console.log(skip);
  process.exit(0);
}
const env = { ...process.env, DDB_LOCK_TEST_SERVER: 'moto' };
delete env.DDB_LOCK_TEST_ENDPOINT;
delete env.DDB_LOCK_TEST_TARGET;
process.exit(await runJest(folders, env));
