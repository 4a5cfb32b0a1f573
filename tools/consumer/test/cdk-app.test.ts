/**
 * The CDK user: a fresh TypeScript app made from the CDK CLI's own `cdk init app --language
 * typescript` template (CommonJS), with @ddb-lock/construct and @ddb-lock/runtime from the
 * tarballs, a NodejsFunction whose handler imports @ddb-lock/runtime/middy from the app's own
 * node_modules (bundled minified to CommonJS, NodejsFunction's default format), synthesized by the
 * CDK CLI; the bundled handler then takes and releases a lock in the local Lambda runner on dynalite.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLocalStack } from '@ddb-lock/lambda-runner';
import { startDynalite } from '@ddb-lock/local-dynamo';
import { getLock } from '@ddb-lock/runtime/admin';
import { freshProject, removeProject } from '../src/fresh-project.js';
import { peerVersions, readManifest } from '../src/manifest.js';
import { REPO_ROOT } from '../src/paths.js';
import { mustRun } from '../src/run-command.js';

const { tarballs } = readManifest();
const template = join(REPO_ROOT, 'node_modules', 'aws-cdk', 'lib', 'init-templates', 'app', 'typescript');
const STACK = 'ConsumerAppStack';

const stackSource = `import * as path from 'node:path';
import * as cdk from 'aws-cdk-lib/core';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { DistributedLockTable } from '@ddb-lock/construct';

export class ConsumerAppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const locks = new DistributedLockTable(this, 'Locks');
    const worker = new NodejsFunction(this, 'Worker', {
      entry: path.join(__dirname, '..', 'lambda', 'handler.mts'),
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: cdk.Duration.seconds(10),
      bundling: { minify: true },
    });
    locks.grantLockAccess(worker);
    locks.bindTo(worker);
  }
}
`;
// An ES module handler (.mts): middy 7 is ESM-only; NodejsFunction bundles it to CommonJS anyway.
const handlerSource = `import middy from '@middy/core';
import { withLock, type LockedContext } from '@ddb-lock/runtime/middy';

type Event = { customerId: string };
export const handler = middy(async (_event: Event, context: LockedContext) => ({
  key: context.lock.key,
  fence: context.lock.fence,
  valid: context.lock.isValid(),
})).use(withLock((event: Event) => \`customer#\${event.customerId}\`));
`;

let app: string;
let dynamo: Awaited<ReturnType<typeof startDynalite>>;

/** The template's file with its placeholders filled for an app named `consumer-app`. */
function fromTemplate(file: string): string {
  return readFileSync(join(template, file), 'utf8')
    .replaceAll('%name.PascalCased%', 'ConsumerApp')
    .replaceAll('%stackname%', STACK)
    .replaceAll('%name%', 'consumer-app');
}

before(async () => {
  app = await freshProject('cdk-app', {
    dependencies: {
      '@ddb-lock/construct': `file:${tarballs['@ddb-lock/construct']}`,
      '@ddb-lock/runtime': `file:${tarballs['@ddb-lock/runtime']}`,
      ...peerVersions(['aws-cdk-lib', 'constructs', '@middy/core', '@aws-sdk/client-dynamodb', 'esbuild', 'typescript', '@types/node']),
      ...peerVersions(['aws-cdk', 'tsx']),
    },
  });
  const tsconfig = JSON.parse(fromTemplate('tsconfig.json'));
  tsconfig.compilerOptions.types = ['node']; // the template's jest is not installed here
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(app, 'cdk.json'), fromTemplate('cdk.template.json'));
  for (const dir of ['bin', 'lib', 'lambda']) mkdirSync(join(app, dir));
  writeFileSync(join(app, 'bin', 'consumer-app.ts'), fromTemplate('bin/%name%.template.ts'));
  writeFileSync(join(app, 'lib', 'consumer-app-stack.ts'), stackSource);
  writeFileSync(join(app, 'lambda', 'handler.mts'), handlerSource);
  dynamo = await startDynalite();
});

after(async () => {
  await dynamo?.stop();
  if (app) removeProject(app);
});

test('the app synthesizes with the CDK CLI, and the handler is bundled minified as CommonJS', async () => {
  const env = { ...process.env, CI: 'true', CDK_DISABLE_CLI_TELEMETRY: '1', CDK_DISABLE_VERSION_CHECK: '1', AWS_REGION: 'us-east-1' };
  await mustRun('npx', ['cdk', 'synth', '--no-notices', '--quiet', '--output', 'cdk.out'], { cwd: app, env });
  const assets = readdirSync(join(app, 'cdk.out')).filter((name) => name.startsWith('asset.'));
  const bundles = assets.map((asset) => readFileSync(join(app, 'cdk.out', asset, 'index.js'), 'utf8'));
  assert.equal(bundles.length, 1);
  const [bundle] = bundles;
  assert.match(bundle, /^"use strict";/, 'CommonJS');
  assert.ok(bundle.split('\n').length < 10, 'minified');
  assert.match(bundle, /"LockBusyError"/, 'the runtime is bundled in, with its error names');
});

test('the bundled handler takes and releases a lock in the local Lambda runner on dynalite', async () => {
  const stack = await startLocalStack(join(app, 'cdk.out'), STACK, dynamo.endpoint);
  try {
    const invocation = await stack.fn.invoke({ customerId: 'c1' });
    assert.equal(invocation.status, 'ok', JSON.stringify(invocation));
    const result = invocation.result as { key: string; fence: number; valid: boolean };
    assert.equal(result.key, 'customer#c1');
    assert.ok(result.fence > 0);
    assert.equal(result.valid, true);
    const item = await getLock(stack.admin, 'customer#c1');
    assert.equal(item?.released, true);
    assert.equal(item?.fence, result.fence);
  } finally {
    await stack.close();
  }
});
