import * as path from 'node:path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { DistributedLockTable } from '../construct/src';

// A deployed lock table and a locking function, checked through the real APIs after deploy:
// TTL and PITR are on, and concurrent invocations of the locking function get one winner.
// `npm test` in construct/ verifies this snapshot offline; a real run is
// `integ-runner --directory integ-tests --language typescript ...` with AWS credentials.
const app = new App();
const stack = new Stack(app, 'DdbLockInteg');

// Throwaway: the defaults (deletion protection, RETAIN) would leave the table behind.
const locks = new DistributedLockTable(stack, 'Locks', {
  deletionProtection: false,
  removalPolicy: RemovalPolicy.DESTROY,
});

const common: NodejsFunctionProps = {
  runtime: lambda.Runtime.NODEJS_22_X,
  architecture: lambda.Architecture.ARM_64,
  depsLockFilePath: path.join(__dirname, '..', 'package-lock.json'),
  bundling: { forceDockerBundling: false },
};
const locker = new NodejsFunction(stack, 'Locker', {
  ...common,
  entry: path.join(__dirname, 'handlers', 'locker.mts'),
  timeout: Duration.seconds(30),
});
// The race uses keys under race/, so the LeadingKeys condition is exercised for real.
locks.bindTo(locker, { keyPrefix: 'race/' });

const race = new NodejsFunction(stack, 'Race', {
  ...common,
  entry: path.join(__dirname, 'handlers', 'race.ts'),
  timeout: Duration.seconds(60),
  environment: { LOCKER_FUNCTION_NAME: locker.functionName },
});
locker.grantInvoke(race);

const integ = new IntegTest(app, 'DistributedLockTableInteg', { testCases: [stack] });

// TTL can report ENABLING for a while after create.
integ.assertions
  .awsApiCall('DynamoDB', 'describeTimeToLive', { TableName: locks.tableName })
  .expect(ExpectedResult.objectLike({ TimeToLiveDescription: { AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' } }))
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });

integ.assertions.awsApiCall('DynamoDB', 'describeContinuousBackups', { TableName: locks.tableName }).expect(
  ExpectedResult.objectLike({
    ContinuousBackupsDescription: { PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'ENABLED' } },
  }),
);

integ.assertions
  .invokeFunction({ functionName: race.functionName })
  .expect(ExpectedResult.objectLike({ Payload: '{"contenders":8,"winners":1}' }));
