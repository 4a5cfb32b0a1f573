// The repo's one local-DynamoDB toolkit: starters for dynalite and moto, and one counting proxy.
// Used by the runtime tests, the Lambda runner, bench, chaos and the demo (dynalite only there).
export { DEFAULT_TAG, tagOf, userAgentTag } from './client-tag.ts';
export {
  COUNTS_PATH,
  FAILED_CONDITIONS_PATH,
  startCountingProxy,
  type CountingProxy,
  type CountingProxyOptions,
  type ProxiedRequest,
  type RequestCounts,
  type TaggedCounts,
} from './counting-proxy.ts';
export { startDynalite, type DynaliteOptions } from './dynalite.ts';
export { FAKE_CREDENTIALS, type LocalDynamo, type LocalServerName } from './local-dynamo.ts';
export { LocalDynamoError } from './local-dynamo-error.ts';
export { LOCAL_SERVERS, serverFromEnvironment, startLocalServer } from './local-server.ts';
export { startMoto, type MotoOptions } from './moto.ts';
export { MOTO_LAUNCHER, MOTO_SETUP_HINT, motoMissing, motoPython, motoSkipReason } from './moto-install.ts';
export { remoteCounts } from './remote-counts.ts';
