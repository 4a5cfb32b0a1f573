// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "election": an Election named `election` (as after `new Election(locks, 'billing-scheduler')`) and the
// scheduler's work that its leader runs.
import { LockClient as ContextLockClient, fencedWrite } from '@ddb-lock/runtime';
import { Election as ContextElection } from '@ddb-lock/runtime/election';

const election = new ContextElection(new ContextLockClient({ tableName: 'locks' }), 'billing-scheduler');
declare function startScheduler(options: { signal: AbortSignal }): { stopped: Promise<void> };
declare function computeNextBatch(): Promise<number>;
