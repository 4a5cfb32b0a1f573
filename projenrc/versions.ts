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
  awsSdk: '3.1169.0',
  awsSdkClientMock: '4.1.0',
  middyCore: '7.9.2',
  middyCore6: '6.4.5',
  awsCdkLib: '2.257.0',
  constructs: '10.8.1',
} as const;
