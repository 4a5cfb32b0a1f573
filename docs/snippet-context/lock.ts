// Context "lock": a held Lock named `lock` (as after `await client.acquire(…)`).
import { LockClient as ContextLockClient } from '@ddb-lock/runtime';

const lock = await new ContextLockClient({ tableName: 'locks' }).acquire('context-lock');
