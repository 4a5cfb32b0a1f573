import * as path from 'node:path';
import { DistributedLockTable } from '@ddb-lock/construct';
import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A lock table and the functions that take locks on it: a worker (one invocation per customer at
 * a time), a scheduled report (one run at a time, every withLock default), and an SQS-triggered
 * batch worker (a lock per record: one customer's orders at a time across environments).
 */
export class LockExampleStack extends Stack {
  public readonly locks: DistributedLockTable;
  public readonly worker: NodejsFunction;
  public readonly report: NodejsFunction;
  public readonly batchWorker: NodejsFunction;
  public readonly partner: NodejsFunction;
  public readonly orders: sqs.Queue;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.locks = new DistributedLockTable(this, 'Locks');

    this.worker = this.lockedFunction('Worker', 'handler.mts', {
      // Context lets tests and the demo synthesize short timeouts and leases; the local Lambda
      // runner then enforces exactly what the template says.
      timeout: Duration.seconds(Number(this.node.tryGetContext('ddbLock:workerTimeoutSeconds') ?? 30)),
      environment: { LOCK_LEASE_MS: String(this.node.tryGetContext('ddbLock:leaseMs') ?? 10_000) },
    });
    // One line wires the two packages: lock grants + DDB_LOCK_TABLE_NAME.
    this.locks.bindTo(this.worker);

    this.report = this.lockedFunction('Report', 'report.mts', {
      timeout: Duration.seconds(Number(this.node.tryGetContext('ddbLock:reportTimeoutSeconds') ?? 60)),
    });
    this.locks.bindTo(this.report, { keyPrefix: 'report#' });
    new events.Rule(this, 'EveryMinute', {
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.report)],
    });

    const batchTimeoutSeconds = Number(this.node.tryGetContext('ddbLock:batchTimeoutSeconds') ?? 30);
    this.orders = this.orderQueue(batchTimeoutSeconds);
    this.batchWorker = this.lockedFunction('BatchWorker', 'batch-handler.mts', {
      timeout: Duration.seconds(batchTimeoutSeconds),
      environment: { LOCK_LEASE_MS: String(this.node.tryGetContext('ddbLock:leaseMs') ?? 10_000) },
    });
    // Partial batch responses: only the records the handler names come back.
    this.batchWorker.addEventSource(new SqsEventSource(this.orders, { batchSize: 10, reportBatchItemFailures: true }));
    this.locks.bindTo(this.batchWorker);

    // At most PARTNER_PERMITS invocations call the partner API at once: a semaphore whose
    // permits are the keys partner-api#0 … partner-api#(N−1), covered by the prefix grant.
    this.partner = this.lockedFunction('Partner', 'partner.mts', {
      timeout: Duration.seconds(Number(this.node.tryGetContext('ddbLock:partnerTimeoutSeconds') ?? 30)),
      environment: { PARTNER_PERMITS: '2' },
    });
    this.locks.bindTo(this.partner, { keyPrefix: 'partner-api#' });
  }

  /** The batch worker's queue, with a dead-letter queue; encrypted, TLS only. */
  private orderQueue(functionTimeoutSeconds: number): sqs.Queue {
    const deadLetters = new sqs.Queue(this, 'OrdersDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    return new sqs.Queue(this, 'Orders', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice is six times the function timeout; tests synthesize it shorter to iterate fast.
      visibilityTimeout: Duration.seconds(Number(this.node.tryGetContext('ddbLock:queueVisibilitySeconds') ?? functionTimeoutSeconds * 6)),
      // Busy redeliveries count as receives: leave room for contention before a message is parked.
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: Number(this.node.tryGetContext('ddbLock:maxReceiveCount') ?? 10) },
    });
  }

  /** A nodejs22.x function with its own role and log group, bundled by the local esbuild. */
  private lockedFunction(id: string, entry: string, props: { timeout: Duration; environment?: Record<string, string> }): NodejsFunction {
    // Own role and log group instead of the AWS managed basic execution role: the function may
    // write only its own logs and take locks, nothing else (cdk-nag AwsSolutions-IAM4).
    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    const fn = new NodejsFunction(this, id, {
      role,
      logGroup,
      entry: path.join(__dirname, entry),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      ...props,
      // The repo's lock file: bundling is by the local esbuild, never Docker.
      depsLockFilePath: path.join(__dirname, '..', '..', 'package-lock.json'),
      bundling: { forceDockerBundling: false },
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime the ddb-lock runtime package is built and tested on; it is a supported Lambda runtime.',
    });
    return fn;
  }
}
