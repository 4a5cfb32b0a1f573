// Context "cdk-app": a CDK app (declared: type-checked only).
declare const app: import('aws-cdk-lib').App;
