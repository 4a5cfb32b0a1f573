/**
 * Every dependency version in the repo, pinned in one place.
 *
 * Why pinned: the field notes list libraries whose newest release breaks this toolchain offline
 * (TypeScript 7 breaks ts-node and ts-jest; aws-cdk-lib > 2.257.0 writes a cloud assembly that
 * integ-runner 2.197 cannot read; @middy/core 7 needs Node 22).
 */
export const versions = {
  node: '22.23.3',
  typesNode: '22.20.5',
  typescript: '5.9.3',
  tsx: '4.23.15',
  tsNode: '10.9.2',
  projen: '0.103.25',
  jest: '29.7.0',
  jestGlobals: '29.7.0',
  tsJest: '29.4.15',
  typesJest: '29.5.14',
  dynalite: '4.0.0',
  /** Generated inputs (runtime's bad-input test, the simulator's scenarios); pinned so a seed replays the same cases. */
  fastCheck: '4.11.0',
  awsSdk: '3.1169.0',
  awsSdkClientMock: '4.1.0',
  /** The SDK's fetch handler (the version @aws-sdk/client-dynamodb resolves): tests that requests over fetch() get a real AbortSignal. */
  smithyFetchHttpHandler: '5.8.1',
  middyCore: '7.9.2',
  middyCore6: '6.4.5',
  typesAwsLambda: '8.10.164',
  awsCdkLib: '2.257.0',
  constructs: '10.8.1',
  // Construct tooling (construct/, integ-tests/, examples/app/). aws-cdk-lib stays at 2.257.0 above:
  // integ-runner 2.197 cannot read the cloud assembly newer libs write; cdk-nag 3 needs >= 2.257.
  awsCdkCli: '2.1148.1',
  integRunner: '2.197.10',
  integTestsAlpha: '2.245.0-alpha.0', // newest; its peer range ^2.245 includes 2.257
  cdkNag: '3.0.2',
  esbuild: '0.28.2', // NodejsFunction bundles with this local copy, so synth needs no Docker
  jsii: '6.0.16',
  jsiiPacmak: '1.140.0',
  awsSdkClientLambda: '3.1164.0', // integ test handler types only; the newest release (SDK clients publish separately)
  // Observability adapters (optional peers of @ddb-lock/runtime; dev dependencies for its tests).
  // OpenTelemetry: api 1.9 is what sdk-trace-base 2.12 accepts (its peer range stops below 1.10).
  powertools: '2.36.0',
  powertoolsBatch: '2.35.0', // the batch package's newest release (it has no 2.36.0); /batch's optional peer
  otelApi: '1.9.1',
  otelSdk: '2.12.1',
  commander: '14.0.3', // the CLI's parser; 15.x needs Node >= 22.12, 14.x supports Node 20 and 22
  biome: '2.6.8', // formatter + linter (projenrc/lint.ts); one binary, from the optional @biomejs/cli-<platform> package
  jsiiRosetta: '6.0.16', // pacmak's peer; pinned to jsii's version so npm does not pick a newer one
} as const;
