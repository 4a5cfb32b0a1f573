import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { IConstruct } from 'constructs';
import { LockTableValidationError } from './lock-table-validation-error';

// Why refuse: with multi-Region eventual consistency each Region accepts conditional writes on
// its own and reconciles later (last writer wins), so two holders in two Regions could both see
// "lock free" and both be granted the same lock. Strong consistency (MRSC) makes the condition
// check global, so it is allowed.
const WHY = 'replicas with eventual multi-Region consistency could grant the same lock in two Regions at once';

/** @internal Refuses replica props that are not strongly consistent, before the table is made. */
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
 * @internal Re-checks at synth, so replicas added later through the `table` escape hatch
 * (`table.addReplica(...)`) are refused too.
 */
export function validateReplicaConsistency(scope: IConstruct, table: dynamodb.TableV2): void {
  scope.node.addValidation({
    validate: () => {
      const cfn = table.node.defaultChild as dynamodb.CfnGlobalTable;
      const replicas = Stack.of(scope).resolve(cfn.replicas) as unknown[] | undefined;
      // One entry is the primary Region itself.
      if ((replicas?.length ?? 0) > 1 && cfn.multiRegionConsistency !== dynamodb.MultiRegionConsistency.STRONG) {
        return [`DistributedLockTable: ${WHY}. Use MultiRegionConsistency.STRONG for a replicated lock table.`];
      }
      return [];
    },
  });
}
