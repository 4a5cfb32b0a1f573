import { Token } from 'aws-cdk-lib';
import { LockTableValidationError } from './lock-table-validation-error';

/**
 * What DynamoDB accepts for a multi-Region strongly consistent (MRSC) table, checked
 * before anything reaches CloudFormation. Sources (AWS documentation, read 2026-12):
 * - three Regions: three replicas, or two replicas and one witness, all in one Region set —
 *   AWS::DynamoDB::GlobalTable GlobalTableWitness (CloudFormation User Guide);
 * - Time to Live is supported only for multi-Region eventual consistency — DynamoDB Developer
 *   Guide, "DynamoDB global tables security" (V2gt_IAM.html, UpdateTimeToLive).
 * aws-cdk-lib 2.257's TableV2 checks the Region sets too (the same lists), with its own error.
 */
export const MRSC_REGION_SETS: { [name: string]: string[] } = {
  US: ['us-east-1', 'us-east-2', 'us-west-2'],
  EU: ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'],
  AP: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3'],
};

/** The Regions of a strongly consistent lock table. */
export interface MrscRegions {
  readonly primary: string;
  readonly replicas: string[];
  readonly witness?: string;
}

/** Refuses an MRSC layout DynamoDB would reject, with the reason. */
export function validateMrscRegions({ primary, replicas, witness }: MrscRegions): void {
  const fail = (why: string) => {
    throw new LockTableValidationError(`DistributedLockTable: a strongly consistent (MRSC) table ${why}`);
  };
  if (Token.isUnresolved(primary)) {
    fail('needs a stack with an explicit Region (env: { region }): the Region set is checked at synth.');
  }
  const all = [primary, ...replicas, ...(witness !== undefined ? [witness] : [])];
  if (all.some((r) => Token.isUnresolved(r))) fail('needs literal replica and witness Regions, not tokens.');
  if (new Set(all).size !== all.length) {
    fail(
      `needs three different Regions; got primary ${primary}, replicas [${replicas.join(', ')}]${witness ? `, witness ${witness}` : ''}.`,
    );
  }
  const expected = witness === undefined ? 2 : 1;
  if (replicas.length !== expected) {
    fail(
      witness === undefined
        ? "spans exactly three Regions: the stack's Region and two replicas, or one replica and a witnessRegion " +
            `(got ${replicas.length} replica(s)).`
        : `with a witnessRegion has exactly one replica besides the stack's Region (got ${replicas.length}).`,
    );
  }
  const set = Object.entries(MRSC_REGION_SETS).find(([, regions]) => regions.includes(primary));
  if (!set) {
    fail(`cannot have its primary in ${primary}: MRSC is offered in the Region sets ${describeSets()}.`);
  }
  const outside = all.filter((r) => !set![1].includes(r));
  if (outside.length > 0) {
    fail(
      `needs all its Regions in one Region set; ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} ` +
        `not in the ${set![0]} set (${set![1].join(', ')}).`,
    );
  }
}

function describeSets(): string {
  return Object.entries(MRSC_REGION_SETS)
    .map(([name, regions]) => `${name} (${regions.join(', ')})`)
    .join('; ');
}
