// The repo's one local-DynamoDB toolkit: starters for dynalite and moto, and one counting proxy.
// Used by the runtime tests, the Lambda runner, bench, chaos and the demo (dynalite only there).
export { DEFAULT_TAG, tagOf, userAgentTag } from './client-tag.ts';
export {
  COUNTS_PATH,
  type CountingProxy,
  type CountingProxyOptions,
  FAILED_CONDITIONS_PATH,
  type ProxiedRequest,
  type RequestCounts,
  startCountingProxy,
  type TaggedCounts,
} from './counting-proxy.ts';
export { type DynaliteOptions, startDynalite } from './dynalite.ts';
export { FAKE_CREDENTIALS, type LocalDynamo, type LocalServerName } from './local-dynamo.ts';
export { LocalDynamoError } from './local-dynamo-error.ts';
export { LOCAL_SERVERS, serverFromEnvironment, startLocalServer } from './local-server.ts';
export { MissingToolchainError } from './missing-toolchain-error.ts';
export { type MotoOptions, startMoto } from './moto.ts';
export { MOTO_LAUNCHER, MOTO_SETUP_HINT, motoMissing, motoPython, motoSkipReason } from './moto-install.ts';
export { remoteCounts } from './remote-counts.ts';
export { missingCommands, skipOrRequire, type ToolchainNeed } from './toolchain-gate.ts';
