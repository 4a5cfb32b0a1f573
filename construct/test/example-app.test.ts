import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { LockExampleStack } from '../../examples/app/lock-stack';
import { addNagChecks } from '../../examples/app/nag';

// Synthesizes the example app the root cdk.json runs (bundling the handler with the local
// esbuild), then checks it with cdk-nag. One synth for the whole file: bundling is the slow part.
const app = new App();
const stack = new LockExampleStack(app, 'DdbLockExample');
const assertNagClean = addNagChecks(app);
const assembly = app.synth();
const template = Template.fromStack(stack);

test('synthesizes a lock table and a nodejs22.x function bound to it', () => {
  expect(assembly.getStackByName('DdbLockExample').template).toBeDefined();
  template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
  const tableId = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))[0];
  template.hasResourceProperties('AWS::Lambda::Function', {
    Runtime: 'nodejs22.x',
    Environment: { Variables: { DDB_LOCK_TABLE_NAME: { Ref: tableId } } },
  });
});

test('cdk-nag AwsSolutions: no unacknowledged finding', () => {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  expect(report.violations).toEqual([]);
  expect(() => assertNagClean()).not.toThrow();
});

test('an unacknowledged finding is reported', () => {
  // The example acknowledges L1 for its nodejs22.x function; a function without the
  // acknowledgement must surface it, or the zero-findings test above proves nothing.
  const bare = new App();
  const other = new Stack(bare, 'Bare');
  new lambda.Function(other, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  const report = new AwsSolutionsChecks(bare).validateScope(bare);
  expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-L1');
});

test('every cdk-nag acknowledgement carries a reason', () => {
  const acknowledgements = stack.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, unknown>)),
    );
  expect(acknowledgements.length).toBeGreaterThan(0);
  for (const [id, value] of acknowledgements) {
    const reason = typeof value === 'string' ? value : (value as { reason?: string }).reason;
    expect({ id, reason: (reason ?? '').trim().length > 20 }).toEqual({ id, reason: true });
  }
});

test('each function may write only its own logs and take locks; the report only its own keys; the batch worker its own queue', () => {
  template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
  const roles = template.findResources('AWS::IAM::Role');
  for (const role of Object.values(roles)) {
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  }
  const policies = Object.values(template.findResources('AWS::IAM::Policy'));
  expect(policies).toHaveLength(4); // Worker, Report, BatchWorker and Partner, one role each
  const lockAndLogs = [
    'dynamodb:BatchGetItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:DeleteItem',
    'dynamodb:GetItem',
    'dynamodb:UpdateItem',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
  ];
  const queueActions = [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ];
  for (const policy of policies) {
    const actions = policy.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => s.Action);
    const batch = policy.Properties.Roles.some((r: { Ref: string }) => r.Ref.startsWith('BatchWorkerRole'));
    expect(actions.sort()).toEqual(batch ? [...lockAndLogs, ...queueActions].sort() : lockAndLogs);
  }
  const prefixes = policies.flatMap((p) =>
    p.Properties.PolicyDocument.Statement.flatMap(
      (s: { Condition?: Record<string, Record<string, unknown>> }) =>
        s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? [],
    ),
  );
  expect(prefixes.sort()).toEqual(['partner-api#*', 'report#*']);
  // The queue actions apply to the batch worker's own queue only.
  const ordersId = Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: {} } }))[0];
  const queueStatements = policies
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith('sqs:')));
  expect(queueStatements).toHaveLength(1);
  for (const statement of queueStatements) expect(statement.Resource).toEqual({ 'Fn::GetAtt': [ordersId, 'Arn'] });
});

test('the batch worker reads its queue with partial batch responses; busy redeliveries leave room before the dead-letter queue', () => {
  const [ordersId, orders] = Object.entries(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: {} } }))[0]!;
  template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    EventSourceArn: { 'Fn::GetAtt': [ordersId, 'Arn'] },
    BatchSize: 10,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
  });
  const tableId = Object.keys(template.findResources('AWS::DynamoDB::GlobalTable'))[0];
  const batchFn = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('BatchWorker'))![1];
  expect(batchFn.Properties.Environment.Variables.DDB_LOCK_TABLE_NAME).toEqual({ Ref: tableId });
  // Lambda requires a visibility timeout of at least the function timeout; AWS advises six times.
  expect(orders.Properties.VisibilityTimeout).toBe(6 * batchFn.Properties.Timeout);
  expect(orders.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
});
