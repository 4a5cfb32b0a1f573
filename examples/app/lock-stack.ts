import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { DistributedLockTable } from '@ddb-lock/construct';

/** A lock table and one function that takes locks on it: the smallest real use of the construct. */
export class LockExampleStack extends Stack {
  public readonly locks: DistributedLockTable;
  public readonly worker: NodejsFunction;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.locks = new DistributedLockTable(this, 'Locks');

    // Own role and log group instead of the AWS managed basic execution role: the function may
    // write only its own logs and take locks, nothing else (cdk-nag AwsSolutions-IAM4).
    const logGroup = new logs.LogGroup(this, 'WorkerLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'WorkerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);

    this.worker = new NodejsFunction(this, 'Worker', {
      role,
      logGroup,
      entry: path.join(__dirname, 'handler.mts'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // Context lets tests and the demo synthesize short timeouts and leases; the local Lambda
      // runner then enforces exactly what the template says.
      timeout: Duration.seconds(Number(this.node.tryGetContext('ddbLock:workerTimeoutSeconds') ?? 30)),
      environment: { LOCK_LEASE_MS: String(this.node.tryGetContext('ddbLock:leaseMs') ?? 10_000) },
      // The repo's lock file: bundling is by the local esbuild, never Docker.
      depsLockFilePath: path.join(__dirname, '..', '..', 'package-lock.json'),
      bundling: { forceDockerBundling: false },
    });

    // One line wires the two packages: lock grants + DDB_LOCK_TABLE_NAME.
    this.locks.bindTo(this.worker);

    Validations.of(this.worker).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: 'nodejs22.x is the runtime the ddb-lock runtime package is built and tested on; it is a supported Lambda runtime.',
      },
    );
  }
}
