/**
 * The installed runtime's types, as TypeScript users check them: every module/moduleResolution
 * pair TypeScript offers for Node and bundlers, `strict` and `skipLibCheck: false`, for a handler
 * using withLock, a batch handler and both observability adapters (the `full` project, where the
 * optional peers those subpaths need are installed), and for the core entry points in a project
 * with no optional peer and no `@types/aws-lambda` (the `bare` project).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readManifest } from '../src/manifest.js';
import { runCommand } from '../src/run-command.js';

const { projects } = readManifest();

const imports = `import { LockBusyError, LockClient, fencedWrite, type LockObserver } from '@ddb-lock/runtime';
import { withLock, type LockedContext } from '@ddb-lock/runtime/middy';
import { lockedBatchHandler, type BatchItemFailures } from '@ddb-lock/runtime/batch';
import { ensureTable, listLocks } from '@ddb-lock/runtime/admin';
import { Semaphore, SemaphoreSizeError } from '@ddb-lock/runtime/semaphore';
import { Election } from '@ddb-lock/runtime/election';
`;
const body = `const locks = new LockClient({ tableName: 'locks' });
export async function once(): Promise<number | undefined> {
  try {
    await using lock = await locks.acquire('job', { waitMs: 0 });
    const update = { TableName: 't', Key: { pk: { S: 'k' } }, UpdateExpression: 'SET #n = :n' };
    const values = { ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':n': { N: '1' } } };
    await fencedWrite(lock, { update: { ...update, ...values } });
    return lock.fence;
  } catch (error) {
    if (error instanceof LockBusyError) return error.retryAfterMs;
    throw error;
  }
}
export const setUp = () => ensureTable(locks).then(() => listLocks(locks));
export async function permit(): Promise<number | undefined> {
  try {
    const held = await new Semaphore(locks, 'partner-api', { permits: 5 }).tryAcquire();
    return held?.fence;
  } catch (error) {
    if (error instanceof SemaphoreSizeError) return undefined;
    throw error;
  }
}
export const leader = () => new Election(locks, 'scheduler').leader();
export const middleware = withLock((event: { customerId: string }) => \`customer#\${event.customerId}\`, { waitMs: 1_000 });
export const handle = async (event: { customerId: string }, context: LockedContext) =>
  ({ fence: context.lock.fence, id: event.customerId, left: context.getRemainingTimeInMillis() });
type Message = { messageId: string; body: string };
type BatchHandler = (event: { Records: Message[] }, context: import('@ddb-lock/runtime/middy').LambdaContext) => Promise<BatchItemFailures>;
export const batch: BatchHandler = lockedBatchHandler((record: Message) => record.body, async (_record, lock) => { lock.isValid(); });
`;
// The full handler: both adapters, and middy around it — except in a CommonJS file under
// node16/nodenext, which cannot import middy 7 at all (middy is ESM-only); the middleware still checks there.
const middy = `import middy from '@middy/core';\n`;
const adapters = `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { powertoolsObserver } from '@ddb-lock/runtime/powertools';
import { metrics } from '@opentelemetry/api';
import { otelObserver } from '@ddb-lock/runtime/otel';
${body}
const observers: LockObserver[] = [
  powertoolsObserver({ logger: new Logger(), metrics: new Metrics({ namespace: 'app' }) }),
  otelObserver({ meter: metrics.getMeter('app') }),
];
export const observed = new LockClient({ tableName: 'locks', observers });
`;
const withMiddy = 'export const handler = middy(handle).use(middleware);\n';

interface Mode {
  module: string;
  moduleResolution: string;
  /** Files to check: the module system of `.ts` follows the project's (CommonJS) in node16/nodenext. */
  extensions: string[];
}
const MODES: Mode[] = [
  { module: 'commonjs', moduleResolution: 'node10', extensions: ['ts'] },
  { module: 'node16', moduleResolution: 'node16', extensions: ['cts', 'mts'] },
  { module: 'nodenext', moduleResolution: 'nodenext', extensions: ['cts', 'mts'] },
  { module: 'esnext', moduleResolution: 'bundler', extensions: ['ts'] },
  { module: 'preserve', moduleResolution: 'bundler', extensions: ['ts'] },
];

async function typeCheck(project: string, name: string, source: (extension: string) => string, mode: Mode): Promise<void> {
  const files = mode.extensions.map((extension) => {
    const file = `${name}-${mode.moduleResolution}-${mode.module}.${extension}`;
    writeFileSync(join(project, file), source(extension));
    return file;
  });
  const config = `tsconfig.${name}-${mode.moduleResolution}-${mode.module}.json`;
  const compilerOptions = {
    ...{ module: mode.module, moduleResolution: mode.moduleResolution, target: 'es2022', lib: ['es2023', 'esnext.disposable'] },
    ...{ strict: true, skipLibCheck: false, noEmit: true, types: ['node'], esModuleInterop: true },
  };
  writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files }, null, 2));
  const result = await runCommand(join(project, 'node_modules', '.bin', 'tsc'), ['-p', config], { cwd: project });
  assert.equal(result.code, 0, `tsc ${mode.module}/${mode.moduleResolution}:\n${result.stdout}${result.stderr}`);
}

for (const mode of MODES) {
  test(`types: withLock, batch, Powertools and OpenTelemetry handlers check with ${mode.module} / ${mode.moduleResolution}`, async () => {
    await typeCheck(
      projects.full,
      'full',
      (extension) => (extension === 'cts' ? `${imports}${adapters}` : `${middy}${imports}${adapters}${withMiddy}`),
      mode,
    );
  });
  test(`types: the core entry points check with ${mode.module} / ${mode.moduleResolution}, no optional peer installed`, async () => {
    await typeCheck(projects.bare, 'bare', () => `${imports}${body}`, mode);
  });
}
