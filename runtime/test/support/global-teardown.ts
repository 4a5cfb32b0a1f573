import type { LocalDynamo } from '@ddb-lock/local-dynamo';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __ddbLockServer?: LocalDynamo }).__ddbLockServer?.stop();
}
