// The reference app of the language test (npm run test:languages): the Python, Java and Go apps
// beside it build the same stack, and their templates must equal this one's.

import { DistributedLockTable } from '@ddb-lock/construct';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const app = new App();
const stack = new Stack(app, 'LockApp');

// README: typescript
const locks = new DistributedLockTable(stack, 'Locks');

const fn = new lambda.Function(stack, 'Worker', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline('exports.handler = async () => {};'),
});

// Lock keys under orders/ only, then wire the table name: bindTo keeps the narrower grant.
locks.grantLockAccess(fn, { keyPrefix: 'orders/' });
locks.bindTo(fn);
// end README

app.synth();
