import { App, Stack } from 'aws-cdk-lib';
import { Template as Assertions } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DistributedLockTable } from '../src';
import { checkReference } from './languages/check-reference';
import { compareTemplates, type Template } from './languages/compare-templates';

// The language test (npm run test:languages) passes only if these two functions can fail: each
// case below changes one thing the comparison must notice in another language's template.

/** The app every language builds (test/languages/*), synthesized here in TypeScript. */
function appTemplate(): Template {
  const stack = new Stack(new App(), 'LockApp');
  const locks = new DistributedLockTable(stack, 'Locks');
  const fn = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  locks.grantLockAccess(fn, { keyPrefix: 'orders/' });
  locks.bindTo(fn);
  return Assertions.fromStack(stack).toJSON() as Template;
}

const reference = appTemplate();
// biome-ignore lint/suspicious/noExplicitAny: each case below edits its own deep path of raw template JSON
const ofType = (t: Template, type: string) => Object.values(t.Resources!).find((r) => r.Type === type)!.Properties as any;

test('an identical template, or one differing only in CDK metadata, has no differences', () => {
  const other = appTemplate();
  other.Resources!.CDKMetadata = { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:python' } };
  expect(compareTemplates(reference, other)).toEqual([]);
});

test.each<[string, (t: Template) => void, RegExp]>([
  [
    'a widened grant (bindTo adding every key)',
    (t) => {
      const policy = ofType(t, 'AWS::IAM::Policy');
      policy.PolicyDocument.Statement.push({ ...policy.PolicyDocument.Statement[0], Condition: undefined });
    },
    /^statements:/,
  ],
  [
    'an action more',
    (t) => {
      ofType(t, 'AWS::IAM::Policy').PolicyDocument.Statement[0].Action.push('dynamodb:PutItem');
    },
    /^statements:/,
  ],
  [
    'another key prefix',
    (t) => {
      ofType(t, 'AWS::IAM::Policy').PolicyDocument.Statement[0].Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'] = ['orders*'];
    },
    /^statements:/,
  ],
  [
    'TTL off',
    (t) => {
      delete ofType(t, 'AWS::DynamoDB::GlobalTable').TimeToLiveSpecification;
    },
    /^tables:/,
  ],
  [
    'point-in-time recovery off',
    (t) => {
      ofType(t, 'AWS::DynamoDB::GlobalTable').Replicas[0].PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: false };
    },
    /^tables:/,
  ],
  [
    'other encryption',
    (t) => {
      ofType(t, 'AWS::DynamoDB::GlobalTable').SSESpecification = { SSEEnabled: true, SSEType: 'KMS' };
    },
    /^tables:/,
  ],
  [
    'a resource more',
    (t) => {
      t.Resources!.Extra = { Type: 'AWS::SNS::Topic' };
    },
    /^resources:/,
  ],
  [
    'no table name in the environment',
    (t) => {
      delete ofType(t, 'AWS::Lambda::Function').Environment;
    },
    /^functions:/,
  ],
  [
    'any other property',
    (t) => {
      ofType(t, 'AWS::Lambda::Function').Timeout = 30;
    },
    /^template differs at \/Resources\/Worker\w+\/Properties\/Timeout$/,
  ],
])('notices %s', (_what, change, message) => {
  const other = appTemplate();
  change(other);
  const differences = compareTemplates(reference, other);
  expect(differences.length).toBeGreaterThan(0);
  expect(differences[0]).toMatch(message);
});

test('the reference check accepts the app and refuses a widened grant', () => {
  expect(checkReference(reference)).toEqual([]);
  const widened = appTemplate();
  const policy = ofType(widened, 'AWS::IAM::Policy');
  policy.PolicyDocument.Statement.push({ ...policy.PolicyDocument.Statement[0], Condition: undefined });
  expect(checkReference(widened)).toEqual([expect.stringMatching(/^lock statements are/)]);
});
