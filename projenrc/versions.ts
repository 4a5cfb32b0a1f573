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
  // The install suite (tools/consumer): package checks and the local npm registry.
  attw: '0.18.5', // @arethetypeswrong/cli
  publint: '0.3.25',
  // middy 7's declarations import it (an optional peer of middy's): a user's project that checks
  // libraries (`skipLibCheck: false`) installs it beside middy, and so does the install suite.
  durableExecutionSdk: '2.4.0',
  verdaccio: '6.10.4', // 6.10 wants Node 22, which every npm script runs on (6.8.0 is the last for Node 20)
  // Releases (tools/release, the generated .github/workflows/release.yml).
  commitAndTagVersion: '13.2.1', // CHANGELOG.md from conventional commits (what projen's release runs); needs Node >= 22
  publib: '0.2.1061', // npm, PyPI, Maven Central and Go publishing in the release workflow (as projen's Publisher)
  npmForPublishing: '11.21.3', // the release workflow's npm: trusted publishing needs >= 11.5 (Node 22 bundles 10)
  commitlint: '21.2.4', // @commitlint/lint + config-conventional: the commit messages CHANGELOG.md is generated from (needs Node >= 22.12)
  // The parser both the commit check and commit-and-tag-version's changelog read commits with.
  conventionalCommitsPreset: '10.2.1',
  actionlint: '1.7.12', // workflow linter; `go install` through the Go module proxy into .cache/bin
  // The documentation site (docs/): TypeDoc renders the guides and the runtime's API reference; jsii-docgen the
  // construct's API per language; playwright-core drives Debian's chromium (it downloads no browser).
  typedoc: '0.28.20',
  jsiiDocgen: '10.12.6',
  playwrightCore: '1.65.2',
} as const;
