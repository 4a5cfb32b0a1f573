import type { ContenderKind } from './contender.js';
import { ddbLock } from './ddb-lock.js';
import { deliveryHero } from './deliveryhero.js';
import { dlcFailClosed, dlcFailOpen } from './dynamodb-lock-client.js';
import { floor } from './floor.js';
import { powertools } from './powertools.js';

/** Everyone in the comparison, ddb-lock first and the floor last (the report keeps this order). */
export const contenders: readonly ContenderKind[] = [ddbLock, dlcFailOpen, dlcFailClosed, deliveryHero, powertools, floor];

export function contenderById(id: string): ContenderKind {
  const kind = contenders.find((c) => c.id === id);
  if (!kind) throw new Error(`unknown contender ${id}`);
  return kind;
}
