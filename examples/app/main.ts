import { App } from 'aws-cdk-lib';
import { LockExampleStack } from './lock-stack';
import { addNagChecks } from './nag';

// Run by the root cdk.json: `npx cdk synth`. Any cdk-nag AwsSolutions finding that the stack does
// not acknowledge (with a reason) fails the synth.
const app = new App();
new LockExampleStack(app, 'DdbLockExample');
const assertNagClean = addNagChecks(app);
app.synth();
assertNagClean();
