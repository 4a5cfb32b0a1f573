// biome-ignore-all lint/correctness/noUnusedImports: a context's names are used by the snippets it is prepended to
// biome-ignore-all lint/correctness/noUnusedVariables: a context's names are used by the snippets it is prepended to
// Context "lock": a held Lock named `lock` (as after `await client.acquire(…)`).
import { LockClient as ContextLockClient } from '@ddb-lock/runtime';

const lock = await new ContextLockClient({ tableName: 'locks' }).acquire('context-lock');
