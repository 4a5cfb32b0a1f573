import type { Template } from './compare-templates';

/** The few template fields the check reads; everything else in the JSON is left untyped. */
interface TableProperties {
  readonly TimeToLiveSpecification?: unknown;
  readonly Replicas?: ReadonlyArray<{ readonly PointInTimeRecoverySpecification?: { readonly PointInTimeRecoveryEnabled?: boolean } }>;
}
interface PolicyProperties {
  readonly PolicyDocument?: { readonly Statement?: ReadonlyArray<{ readonly Resource?: unknown }> };
}
interface FunctionProperties {
  readonly Environment?: { readonly Variables?: Record<string, unknown> };
}

/**
 * What the TypeScript app's template itself must show, so four languages cannot agree on a
 * wrong template: one lock statement, limited to `orders/` (bindTo after the prefixed grant did
 * not widen it), with exactly the lock actions; TTL and point-in-time recovery on; the table name
 * in the function's environment. Returns the problems found.
 */
export function checkReference(template: Template): string[] {
  const resources = Object.entries(template.Resources ?? {});
  const problems: string[] = [];
  const tables = resources.filter(([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable');
  if (tables.length !== 1) return [`expected one lock table, found ${tables.length}`];
  const [tableId, table] = tables[0];
  const props = table.Properties as TableProperties;
  if (JSON.stringify(props.TimeToLiveSpecification) !== JSON.stringify({ AttributeName: 'ttl', Enabled: true })) {
    problems.push(`TTL is ${JSON.stringify(props.TimeToLiveSpecification)}`);
  }
  if (!props.Replicas?.every((r) => r.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true)) {
    problems.push('point-in-time recovery is not on for every replica');
  }
  const statements = resources
    .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
    .flatMap(([, r]) => (r.Properties as PolicyProperties | undefined)?.PolicyDocument?.Statement ?? [])
    .filter((s) => JSON.stringify(s.Resource).includes(tableId));
  const expected = {
    Action: ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:BatchGetItem'],
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['orders/*'] } },
    Effect: 'Allow',
    Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
  };
  if (JSON.stringify(statements) !== JSON.stringify([expected])) {
    problems.push(`lock statements are ${JSON.stringify(statements)}, expected only ${JSON.stringify(expected)}`);
  }
  const fn = resources.find(([, r]) => r.Type === 'AWS::Lambda::Function');
  const env = (fn?.[1].Properties as FunctionProperties | undefined)?.Environment?.Variables;
  if (JSON.stringify(env?.DDB_LOCK_TABLE_NAME) !== JSON.stringify({ Ref: tableId })) {
    problems.push(`DDB_LOCK_TABLE_NAME is ${JSON.stringify(env?.DDB_LOCK_TABLE_NAME)}`);
  }
  return problems;
}
