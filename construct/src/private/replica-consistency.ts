import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { LockTableValidationError } from './lock-table-validation-error';

// Why refuse: with multi-Region eventual consistency each Region accepts conditional writes on
// its own and reconciles later (last writer wins), so two holders in two Regions could both see
// "lock free" and both be granted the same lock. Strong consistency (MRSC) makes the condition
// check global, so it is allowed.
const WHY = 'replicas with eventual multi-Region consistency could grant the same lock in two Regions at once';

/** Refuses replica props that are not strongly consistent, before the table is made. */
export function assertStronglyConsistent(
  replicas: dynamodb.ReplicaTableProps[] | undefined,
  consistency: dynamodb.MultiRegionConsistency | undefined,
): void {
  if ((replicas?.length ?? 0) > 0 && consistency !== dynamodb.MultiRegionConsistency.STRONG) {
    throw new LockTableValidationError(
      `DistributedLockTable: ${WHY}. Set multiRegionConsistency: MultiRegionConsistency.STRONG or remove the replicas.`,
    );
  }
}

/**
 * Re-checks the rendered table at synth, so changes made later through the `table`
 * escape hatch (`table.addReplica(...)`, the L1 resource) are refused too: eventually consistent
 * replicas, a strongly consistent table that no longer spans exactly three Regions, and TTL on a
 * strongly consistent table (DynamoDB supports TTL only with eventual consistency).
 */
export function validateReplicaConsistency(scope: IConstruct, table: dynamodb.TableV2): void {
  scope.node.addValidation({
    validate: () => {
      const cfn = table.node.defaultChild as dynamodb.CfnGlobalTable;
      const stack = Stack.of(scope);
      // One entry is the primary Region itself.
      const replicas = (stack.resolve(cfn.replicas) as unknown[] | undefined)?.length ?? 0;
      const witnesses = (stack.resolve(cfn.globalTableWitnesses) as unknown[] | undefined)?.length ?? 0;
      if (cfn.multiRegionConsistency !== dynamodb.MultiRegionConsistency.STRONG) {
        return replicas > 1 ? [`DistributedLockTable: ${WHY}. Use MultiRegionConsistency.STRONG for a replicated lock table.`] : [];
      }
      const errors: string[] = [];
      if (!((replicas === 3 && witnesses === 0) || (replicas === 2 && witnesses === 1))) {
        errors.push(
          'DistributedLockTable: a strongly consistent (MRSC) table spans exactly three Regions (three replicas, or two and a witness); ' +
            `it has ${replicas} replica(s) and ${witnesses} witness(es).`,
        );
      }
      if (stack.resolve(cfn.timeToLiveSpecification) !== undefined) {
        errors.push(
          'DistributedLockTable: DynamoDB supports Time to Live only on eventually consistent global tables; ' +
            'remove it from this strongly consistent (MRSC) table.',
        );
      }
      return errors;
    },
  });
}
