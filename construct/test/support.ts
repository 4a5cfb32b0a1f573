import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A stack with a concrete Region: replicas and MRSC checks need one. */
export function newStack(): Stack {
  return new Stack(new App(), 'Test', { env: { account: '111122223333', region: 'us-east-1' } });
}

export function newRole(stack: Stack, id = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

/** The policy statements attached to one role, resolved. */
export function statementsOf(stack: Stack, role: iam.Role): Array<Record<string, unknown>> {
  const roleId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** The lock table's logical id in a template made by `newStack`. */
export function tableLogicalId(stack: Stack): string {
  const tables = Template.fromStack(stack).findResources('AWS::DynamoDB::GlobalTable');
  const ids = Object.keys(tables);
  if (ids.length !== 1) throw new Error(`expected one table, found ${ids.length}`);
  return ids[0];
}
